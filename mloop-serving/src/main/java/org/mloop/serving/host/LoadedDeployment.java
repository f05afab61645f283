package org.mloop.serving.host;

import org.mloop.core.endpoints.Deployment;
import org.mloop.core.models.ModelSignature;
import org.mloop.runtime.Predictor;
import org.mloop.serving.collect.Sampler;

/** A deployment whose model is loaded and can be routed to, with its metrics and data-collection sampler. */
record LoadedDeployment(Deployment deployment, Predictor predictor, HostMetrics.Meters meters, Sampler sampler) {
  LoadedDeployment(Deployment deployment, Predictor predictor, HostMetrics.Meters meters) {
    this(deployment, predictor, meters, Sampler.of(deployment.dataCollection()));
  }

  String name() {
    return deployment.name();
  }

  ModelSignature signature() {
    return predictor.model().signature();
  }

  /** True when {@code other} serves the same model version, so this predictor can be kept. */
  boolean serves(Deployment other) {
    return deployment.modelName().equals(other.modelName()) && deployment.modelVersion() == other.modelVersion();
  }

  LoadedDeployment with(Deployment newer) {
    return new LoadedDeployment(newer, predictor, meters);
  }
}
