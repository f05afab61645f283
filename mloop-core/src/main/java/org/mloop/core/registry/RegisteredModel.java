package org.mloop.core.registry;

import java.util.Map;

/**
 * A named model in the registry. {@code aliases} maps alias (e.g. "production") to version;
 * {@code latestVersion} is the highest version number ever assigned (null before the first).
 */
public record RegisteredModel(
    String name,
    String description,
    Map<String, String> tags,
    long createdAt,
    long updatedAt,
    Map<String, Integer> aliases,
    Integer latestVersion) {}
