package org.mloop.core.jobs;

/**
 * An input as the job ran it: data inputs name the exact asset version and its hash; literals
 * carry their value.
 */
public record ResolvedInput(
    String type, String assetName, Integer assetVersion, String sha256, String artifactPath, String value) {

  public boolean isData() {
    return assetName != null || artifactPath != null;
  }
}
