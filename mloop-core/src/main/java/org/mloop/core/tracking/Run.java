package org.mloop.core.tracking;

/** A run: its info and its data. */
public record Run(RunInfo info, RunData data) {}
