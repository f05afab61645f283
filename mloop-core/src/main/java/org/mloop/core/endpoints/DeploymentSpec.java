package org.mloop.core.endpoints;

/**
 * What {@code mloop deployment create} asks for. {@code model} is any model reference
 * ("diabetes@production", "diabetes:7", "diabetes"), resolved to a fixed version on creation.
 * {@code traffic}: null gives the deployment 100% when it is the endpoint's first and 0% otherwise;
 * 0 or 100 set it explicitly (100 moves all live traffic to it). Splits in between are set with
 * the endpoint's traffic afterwards.
 */
public record DeploymentSpec(String endpointName, String name, String model, int instanceCount,
    DataCollection dataCollection, Integer traffic) {

  public DeploymentSpec {
    dataCollection = dataCollection == null ? DataCollection.OFF : dataCollection;
  }
}
