package org.mloop.ci.workflow;

import org.mloop.ci.expr.ExpressionException;
import org.mloop.ci.expr.Expressions;

/**
 * Checks, when a workflow file is read, that its expressions parse, so a typo is reported with the
 * file and line before any job starts. Both methods throw {@link ExpressionException} with a message
 * that quotes the expression (and, when known, its {@link ExpressionException#textIndex()} in the text).
 * An interface so tests, and tools that only want the workflow's shape, can choose another check.
 */
public interface ExpressionChecker {
  /** A value that may embed "${{ ... }}" expressions (env values, run scripts, with inputs...). */
  void check(String text);

  /** An {@code if:} condition: a bare expression or one wrapped in "${{ }}". */
  void checkCondition(String condition);

  /** GitHub's expression language ({@link Expressions}): syntax, function names and arities, context names. */
  static ExpressionChecker standard() {
    return STANDARD;
  }

  ExpressionChecker STANDARD = new ExpressionChecker() {
    @Override
    public void check(String text) {
      Expressions.check(text);
    }

    @Override
    public void checkCondition(String condition) {
      Expressions.checkCondition(condition);
    }
  };
}
