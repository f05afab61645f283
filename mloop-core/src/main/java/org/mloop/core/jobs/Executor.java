package org.mloop.core.jobs;

/**
 * The process that executes a job: host, pid and the process start time. A job whose executor is
 * gone (pid dead, or reused by a different process) while the job is not terminal is marked Failed.
 */
public record Executor(String host, long pid, long processStartMillis) {}
