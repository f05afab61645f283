package org.mloop.ci.expr;

/**
 * An expression that does not parse or cannot be evaluated; the message quotes it and says what is wrong.
 *
 * <p>{@link #position()} is the 1-based character in the expression where the problem is (0 when it is
 * not about one place). {@link #textIndex()} is the 0-based index of that character in the whole text
 * given to {@link Expressions#check} or {@link Expressions#interpolate} (-1 when unknown), so a caller
 * that knows where the text starts in a file can report the exact line.
 */
public final class ExpressionException extends RuntimeException {
  private final String expression;
  private final int position;
  private final int textIndex;

  public ExpressionException(String message) {
    this(message, null, 0, -1);
  }

  public ExpressionException(String message, String expression, int position, int textIndex) {
    super(message);
    this.expression = expression;
    this.position = position;
    this.textIndex = textIndex;
  }

  /** The expression's text (what is between {@code ${{} and {@code }}}), or null when unknown. */
  public String expression() {
    return expression;
  }

  public int position() {
    return position;
  }

  public int textIndex() {
    return textIndex;
  }
}
