package org.mloop.core.jobs;

/** The git state of a job's code when it was submitted: commit, branch, dirty flag and remote. */
public record GitState(String commit, String branch, boolean dirty, String remoteUrl) {}
