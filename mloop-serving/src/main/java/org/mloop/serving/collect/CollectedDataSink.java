package org.mloop.serving.collect;

/** Where collected files go: {@code EndpointService::writeCollectedData} in a host, a folder in tests of the collector alone. */
@FunctionalInterface
public interface CollectedDataSink {
  void write(String endpoint, String deployment, String path, byte[] content);
}
