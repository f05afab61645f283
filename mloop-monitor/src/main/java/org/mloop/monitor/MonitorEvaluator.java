package org.mloop.monitor;

import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.workspace.Workspace;

/** Computes a monitor's run from a workspace's data (see {@link org.mloop.core.monitoring.MonitorEngine#evaluate}). */
public final class MonitorEvaluator {

  public MonitorRun evaluate(Workspace workspace, Monitor monitor, long from, long to) {
    throw new UnsupportedOperationException("in progress");
  }
}
