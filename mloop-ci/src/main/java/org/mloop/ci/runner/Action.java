package org.mloop.ci.runner;

/**
 * A {@code uses:} action the local runner can run (actions/checkout, actions/setup-java...). An
 * action fails its step by throwing; the exception's message goes to the log.
 */
@FunctionalInterface
public interface Action {
  void run(ActionContext context) throws Exception;
}
