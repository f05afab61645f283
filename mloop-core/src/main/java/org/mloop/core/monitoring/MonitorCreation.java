package org.mloop.core.monitoring;

import java.util.List;

/**
 * The result of creating a monitor: the monitor, and the deployments of its endpoint whose data
 * collection was off and was turned on at 100% so the monitor has input (empty when all collected).
 */
public record MonitorCreation(Monitor monitor, List<String> collectionTurnedOn) {
  public MonitorCreation {
    collectionTurnedOn = List.copyOf(collectionTurnedOn);
  }
}
