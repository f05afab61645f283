package org.mloop.jobs.compute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.MloopException;
import org.mloop.core.jobs.ComputeNames;

/**
 * The compute targets an executor can run commands on, by name: the registry a job's
 * {@code compute} is looked up in (as MLflow's ArtifactRepositoryRegistry picks a store by URI
 * scheme). {@link #standard()} has {@code local}; {@link #with} adds a target, so adding one is a
 * class and a line where the executor is wired. Immutable, so one registry serves many threads.
 */
public final class ComputeTargets {
  private final Map<String, ComputeTarget> targets;

  private ComputeTargets(Map<String, ComputeTarget> targets) {
    this.targets = targets;
  }

  /** The targets every executor has: {@code local}, this machine. */
  public static ComputeTargets standard() {
    return new ComputeTargets(Map.of()).with(new LocalCompute());
  }

  /**
   * These targets and {@code target}. Refuses a target whose name breaks the rule of compute names
   * or is taken.
   */
  public ComputeTargets with(ComputeTarget target) {
    String name = ComputeNames.NAME.check(target.name());
    if (targets.containsKey(name)) {
      throw MloopException.alreadyExists("compute target '" + name + "' is already registered ("
          + targets.get(name).getClass().getSimpleName() + ")");
    }
    Map<String, ComputeTarget> more = new LinkedHashMap<>(targets);
    more.put(name, target);
    return new ComputeTargets(more);
  }

  /** The names of the targets, in the order they were added ({@code local} first). */
  public List<String> names() {
    return List.copyOf(targets.keySet());
  }

  /**
   * The target called {@code name}; INVALID_PARAMETER_VALUE naming the known targets when there is
   * none (see {@link ComputeNames#check}).
   */
  public ComputeTarget get(String name) {
    ComputeNames.check(name, names());
    return targets.get(name);
  }
}
