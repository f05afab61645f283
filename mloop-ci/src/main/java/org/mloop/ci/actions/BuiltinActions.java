package org.mloop.ci.actions;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mloop.ci.runner.Action;
import org.mloop.ci.runner.ActionRegistry;

/**
 * The {@code uses:} actions the local runner supports, standing in for GitHub's own:
 * <pre>
 *   WorkflowRunner runner = new WorkflowRunner(runs, repo, BuiltinActions.registry(), listener);
 * </pre>
 * Any other action stops a run before it starts, naming the action and this list.
 */
public final class BuiltinActions {
  private BuiltinActions() {}

  public static ActionRegistry registry() {
    return ActionRegistry.of(actions());
  }

  /** The built-in actions plus {@code extra} ones (tests, site-specific actions); extra ones win. */
  public static ActionRegistry registry(Map<String, Action> extra) {
    Map<String, Action> all = actions();
    all.putAll(extra);
    return ActionRegistry.of(all);
  }

  private static Map<String, Action> actions() {
    Map<String, Action> actions = new LinkedHashMap<>();
    actions.put("actions/checkout", new CheckoutAction());
    actions.put("actions/setup-java", new SetupJavaAction());
    actions.put("actions/cache", new CacheAction(CacheAction.Mode.RESTORE_AND_SAVE));
    actions.put("actions/cache/restore", new CacheAction(CacheAction.Mode.RESTORE));
    actions.put("actions/cache/save", new CacheAction(CacheAction.Mode.SAVE));
    actions.put("actions/upload-artifact", new Artifacts.Upload());
    actions.put("actions/download-artifact", new Artifacts.Download());
    return actions;
  }
}
