package org.mloop.core.registry;

/**
 * One change of an alias, kept forever: {@code fromVersion} is null when the alias was new,
 * {@code toVersion} null when it was deleted. {@code who} is the user name (local) or the API token
 * name (server); {@code movedAt} is epoch millis.
 */
public record AliasMove(
    String model, String alias, Integer fromVersion, Integer toVersion, String who, long movedAt, String reason) {}
