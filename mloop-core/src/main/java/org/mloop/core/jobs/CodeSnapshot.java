package org.mloop.core.jobs;

/**
 * The recorded code of a job: content hash of its files (see ContentHash), where they are kept in
 * the artifact store, how many, and the git state when inside a repository (null otherwise).
 */
public record CodeSnapshot(String sha256, String artifactPath, int fileCount, long sizeBytes, GitState git) {}
