package org.mloop.monitor.report;

import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;

/** A run as one self-contained HTML page. */
public final class HtmlReport {

  public byte[] render(Monitor monitor, MonitorRun run) {
    throw new UnsupportedOperationException("in progress");
  }
}
