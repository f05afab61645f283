package org.mloop.ci.runner;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.mloop.ci.expr.Contexts;
import org.mloop.ci.expr.ExpressionException;

/**
 * How the runner evaluates GitHub expressions: {@code if:} conditions and {@code ${{ }}}
 * interpolation. {@link #github()} is GitHub's expression language from {@code org.mloop.ci.expr}.
 */
public interface ExpressionEngine {

  /** An {@code if:} value (with or without {@code ${{ }}}) is true. */
  boolean condition(String ifText, Contexts contexts);

  /** {@code text} with every {@code ${{ expr }}} replaced by its value as a string. */
  String interpolate(String text, Contexts contexts);

  /** org.mloop.ci.expr.Expressions. */
  static ExpressionEngine github() {
    return GithubExpressions.INSTANCE;
  }

  /**
   * Calls org.mloop.ci.expr.Expressions; looked up at run time because the expression language
   * is built beside the runner (a direct call replaces this once both are in one build).
   */
  final class GithubExpressions implements ExpressionEngine {
    static final GithubExpressions INSTANCE = new GithubExpressions();
    private MethodHandle condition;
    private MethodHandle interpolate;

    private synchronized void bind() {
      if (condition != null) {
        return;
      }
      try {
        Class<?> type = Class.forName("org.mloop.ci.expr.Expressions");
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        condition = lookup.findStatic(type, "condition",
            MethodType.methodType(boolean.class, String.class, Contexts.class));
        interpolate = lookup.findStatic(type, "interpolate",
            MethodType.methodType(String.class, String.class, Contexts.class));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("GitHub expressions are not available in this build: " + e, e);
      }
    }

    @Override
    public boolean condition(String ifText, Contexts contexts) {
      bind();
      try {
        return (boolean) condition.invokeExact(ifText, contexts);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new ExpressionException(e.getMessage());
      }
    }

    @Override
    public String interpolate(String text, Contexts contexts) {
      bind();
      try {
        return (String) interpolate.invokeExact(text, contexts);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new ExpressionException(e.getMessage());
      }
    }
  }
}
