package org.mloop.core.tracking;

/** A run parameter. Once logged, its value can never change. */
public record Param(String key, String value) {}
