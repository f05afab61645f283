package org.mloop.core.jobs;

import java.nio.file.Path;
import java.util.List;

/**
 * What a client submits: a validated spec (with --set overrides applied), an optional job name, and
 * the code to snapshot: its folder, the files chosen from it (after .mloopignore) and its git state.
 */
public record JobSubmission(JobSpec spec, String name, Path codeDirectory, List<String> codeFiles, GitState git) {}
