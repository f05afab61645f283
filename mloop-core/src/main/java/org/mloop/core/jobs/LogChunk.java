package org.mloop.core.jobs;

/**
 * A slice of a job's log from {@code offset}; {@code nextOffset} is where the next read starts.
 * {@code complete}: the job is over and this slice reaches the end of its log. {@code status}: the
 * job's status when the slice was read, so a follower needs no other call to see it change.
 */
public record LogChunk(String text, long offset, long nextOffset, boolean complete, JobStatus status) {}
