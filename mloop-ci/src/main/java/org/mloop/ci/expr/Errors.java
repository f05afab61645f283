package org.mloop.ci.expr;

/** Builds the messages of {@link ExpressionException}: what is wrong, where, and the expression itself. */
final class Errors {
  private Errors() {}

  /** A problem at a 0-based index of the expression; the message counts from 1, as GitHub does. */
  static ExpressionException at(String problem, String expression, int index) {
    int position = index + 1;
    return new ExpressionException(
        problem + " at position " + position + " within expression: " + expression, expression, position, -1);
  }

  static ExpressionException of(String problem, String expression) {
    return new ExpressionException(problem + " in expression: " + expression, expression, 0, -1);
  }
}
