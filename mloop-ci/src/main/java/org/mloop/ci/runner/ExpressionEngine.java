package org.mloop.ci.runner;

import org.mloop.ci.expr.Contexts;
import org.mloop.ci.expr.Expressions;

/**
 * How the runner evaluates GitHub expressions: {@code if:} conditions and {@code ${{ }}}
 * interpolation. {@link #github()} is GitHub's expression language ({@link Expressions}); tests may
 * pass another.
 */
public interface ExpressionEngine {

  /** An {@code if:} value (with or without {@code ${{ }}}) is true. */
  boolean condition(String ifText, Contexts contexts);

  /** {@code text} with every {@code ${{ expr }}} replaced by its value as a string. */
  String interpolate(String text, Contexts contexts);

  static ExpressionEngine github() {
    return new ExpressionEngine() {
      @Override
      public boolean condition(String ifText, Contexts contexts) {
        return Expressions.condition(ifText, contexts);
      }

      @Override
      public String interpolate(String text, Contexts contexts) {
        return Expressions.interpolate(text, contexts);
      }
    };
  }
}
