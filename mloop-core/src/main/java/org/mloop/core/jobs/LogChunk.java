package org.mloop.core.jobs;

/** A slice of a job's log from {@code offset}; {@code nextOffset} is where the next read starts. */
public record LogChunk(String text, long offset, long nextOffset, boolean complete) {}
