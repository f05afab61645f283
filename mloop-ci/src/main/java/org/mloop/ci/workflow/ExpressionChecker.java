package org.mloop.ci.workflow;

import org.mloop.ci.expr.ExpressionException;

/**
 * Checks, when a workflow file is read, that its expressions parse, so a typo is reported with the
 * file and line before any job starts. Both methods throw {@link ExpressionException} with a message
 * that quotes the expression.
 */
public interface ExpressionChecker {
  /** A value that may embed "${{ ... }}" expressions (env values, run scripts, with inputs...). */
  void check(String text);

  /** An {@code if:} condition: a bare expression or one wrapped in "${{ }}". */
  void checkCondition(String condition);

  /**
   * The checker the parser uses by default. For now it only checks that every opening "${{" is closed
   * by "}}" and holds something; the full check is the expression language's parser
   * ({@code org.mloop.ci.expr}), to be plugged in here.
   */
  static ExpressionChecker standard() {
    return BALANCE;
  }

  /** Every opening "${{" has its closing "}}" and something in between. */
  ExpressionChecker BALANCE = new ExpressionChecker() {
    @Override
    public void check(String text) {
      int from = 0;
      while (true) {
        int open = text.indexOf("${{", from);
        if (open < 0) {
          return;
        }
        int close = text.indexOf("}}", open + 3);
        if (close < 0) {
          throw new ExpressionException("'" + excerpt(text.substring(open)) + "' is not closed: end it with }}");
        }
        if (text.substring(open + 3, close).isBlank()) {
          throw new ExpressionException("'" + text.substring(open, close + 2) + "' is empty: write an expression");
        }
        from = close + 2;
      }
    }

    @Override
    public void checkCondition(String condition) {
      if (condition.isBlank()) {
        throw new ExpressionException("the condition is empty: write an expression, e.g. success()");
      }
      check(condition);
    }

    private static String excerpt(String text) {
      String line = text.lines().findFirst().orElse("");
      return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }
  };
}
