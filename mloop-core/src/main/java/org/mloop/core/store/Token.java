package org.mloop.core.store;

/** An API token's record. Only the token's sha256 is stored, never the token itself. */
public record Token(String id, String name, String sha256, long createdAt) {}
