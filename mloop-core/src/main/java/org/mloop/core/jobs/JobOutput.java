package org.mloop.core.jobs;

/** A job output as written in job.yml; only {@code uri_folder} for now. */
public record JobOutput(String type, String description) {}
