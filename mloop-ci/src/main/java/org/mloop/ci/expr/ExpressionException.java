package org.mloop.ci.expr;

/** An expression that does not parse or cannot be evaluated; the message quotes it and says what is wrong. */
public final class ExpressionException extends RuntimeException {
  public ExpressionException(String message) {
    super(message);
  }
}
