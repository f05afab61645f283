package org.mloop.core.monitoring;

/** A stored monitor: its spec and when it was created/changed (epoch millis). Its status is its runs. */
public record Monitor(MonitorSpec spec, long createdAt, long updatedAt) {

  public String name() {
    return spec.name();
  }
}
