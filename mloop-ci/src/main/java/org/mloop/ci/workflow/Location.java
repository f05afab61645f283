package org.mloop.ci.workflow;

import java.nio.file.Path;

/** Where something is written: a workflow file and a line (1-based; 0 when unknown), for errors people can find. */
public record Location(Path file, int line) {
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : String.valueOf(file);
  }
}
