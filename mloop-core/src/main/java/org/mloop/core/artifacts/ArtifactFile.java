package org.mloop.core.artifacts;

/**
 * A file or directory in an artifact store. {@code path} is relative to the listed root, with '/'
 * separators. Directories have no size or digest.
 */
public record ArtifactFile(String path, boolean directory, Long sizeBytes, String sha256) {}
