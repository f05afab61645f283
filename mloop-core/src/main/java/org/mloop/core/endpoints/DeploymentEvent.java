package org.mloop.core.endpoints;

/**
 * One line of a deployment's log, written by a scoring host (model loaded, load failed, traffic
 * applied, ...). {@code host} names the process, so the lines of several replicas can be told apart.
 */
public record DeploymentEvent(long id, String endpointName, String deploymentName, long time, String host,
    String message) {}
