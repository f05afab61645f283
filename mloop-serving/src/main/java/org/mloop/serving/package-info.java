/**
 * The scoring host of online endpoints: {@code protocol} parses and writes the request formats
 * (Azure ML {@code /score}, MLflow {@code /invocations}, Open Inference Protocol V2), {@code host}
 * routes requests to deployments by traffic and serves them over HTTP with keys and metrics,
 * {@code collect} writes production inputs and outputs for monitoring.
 */
package org.mloop.serving;
