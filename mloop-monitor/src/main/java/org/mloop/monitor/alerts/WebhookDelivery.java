package org.mloop.monitor.alerts;

import java.util.function.Consumer;
import org.mloop.core.monitoring.Alert;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;

/** Posts alerts to a monitor's webhooks in the background, with retries. */
public final class WebhookDelivery implements AutoCloseable {

  public void deliver(Monitor monitor, Alert alert, MonitorRun run, Consumer<String> delivered) {
    throw new UnsupportedOperationException("in progress");
  }

  @Override
  public void close() {}
}
