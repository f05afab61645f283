package org.mloop.core.endpoints;

import org.mloop.core.registry.ModelRef;

/**
 * One model version served behind an endpoint (Azure's online deployment, e.g. "blue"). The model
 * is fixed when the deployment is created: {@code requestedModel} keeps what was asked
 * ("diabetes@staging"), {@code modelName}/{@code modelVersion} what it resolved to (diabetes:7), so
 * moving an alias later never changes what a deployment serves. {@code instanceCount} is the number
 * of scoring instances a host runs for it.
 */
public record Deployment(
    String endpointName,
    String name,
    String modelName,
    int modelVersion,
    String requestedModel,
    int instanceCount,
    DataCollection dataCollection,
    long createdAt,
    long updatedAt) {

  public Deployment {
    dataCollection = dataCollection == null ? DataCollection.OFF : dataCollection;
  }

  public ModelRef model() {
    return ModelRef.ofVersion(modelName, modelVersion);
  }

  /** What a registry usage of the model version is recorded as, e.g. "endpoint:diabetes-prod/deployment:blue". */
  public String usageName() {
    return usageName(endpointName, name);
  }

  public static String usageName(String endpoint, String deployment) {
    return "endpoint:" + endpoint + "/deployment:" + deployment;
  }

  public Deployment withDataCollection(DataCollection newCollection) {
    return new Deployment(endpointName, name, modelName, modelVersion, requestedModel, instanceCount, newCollection,
        createdAt, updatedAt);
  }

  public Deployment withInstanceCount(int count) {
    return new Deployment(endpointName, name, modelName, modelVersion, requestedModel, count, dataCollection,
        createdAt, updatedAt);
  }

  public Deployment stamped(long newUpdatedAt) {
    return new Deployment(endpointName, name, modelName, modelVersion, requestedModel, instanceCount, dataCollection,
        createdAt, newUpdatedAt);
  }
}
