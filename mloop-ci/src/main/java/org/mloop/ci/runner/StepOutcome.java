package org.mloop.ci.runner;

import java.util.Map;

/** How a step ended: whether it succeeded, whether the job's own timeout stopped it, its outputs and why. */
record StepOutcome(boolean succeeded, boolean jobTimedOut, Map<String, String> outputs, String reason) {}
