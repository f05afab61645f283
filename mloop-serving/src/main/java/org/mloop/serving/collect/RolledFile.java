package org.mloop.serving.collect;

import org.mloop.core.endpoints.CollectedFileName;

/**
 * A collected-data file that stopped growing and waits for the sink. Its name may change (the
 * next sequence number) when the store already has one of that name; {@code attempts} counts the
 * sink's failures.
 */
final class RolledFile {
  final String endpoint;
  final String deployment;
  final byte[] content;
  final int rows;
  /** The order in which files were rolled: a flush waits for the files rolled before it. */
  final long order;
  CollectedFileName name;
  int attempts;

  RolledFile(String endpoint, String deployment, CollectedFileName name, byte[] content, int rows, long order) {
    this.endpoint = endpoint;
    this.deployment = deployment;
    this.name = name;
    this.content = content;
    this.rows = rows;
    this.order = order;
  }

  String describe() {
    return "'" + name.path() + "' of " + endpoint + "/" + deployment + " (" + rows + " rows)";
  }
}
