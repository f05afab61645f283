package org.mloop.core.rollout;

/** One step of a rollout or restore: what was done, whether it worked, how long it took and what came of it. */
public record RolloutStep(String name, boolean ok, long millis, String detail) {}
