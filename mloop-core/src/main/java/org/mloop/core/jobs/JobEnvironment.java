package org.mloop.core.jobs;

import java.util.Map;

/**
 * What runs a job's command. {@code name} identifies it (for example "jvm-17"); the local runner
 * runs the command with bash, with the JDK mloop itself runs on first on the PATH, and with these
 * extra environment variables.
 */
public record JobEnvironment(String name, Map<String, String> variables) {}
