package org.mloop.server;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.mloop.core.MloopException;

/**
 * What a scenario saw, line by line, with generated ids and clock times masked, so the same
 * scenario run against the embedded workspace and through the server can be compared line by line.
 */
final class Transcript {
  final List<String> lines = new ArrayList<>();

  void add(String line) {
    lines.add(mask(line));
  }

  /** The error code and message of a call expected to fail, or "ok: ..." when it did not. */
  String outcome(Supplier<?> call) {
    try {
      return "ok: " + call.get();
    } catch (MloopException e) {
      return e.code() + ": " + e.getMessage();
    }
  }

  String outcome(Runnable call) {
    return outcome(() -> {
      call.run();
      return "done";
    });
  }

  static String mask(String text) {
    return text.replaceAll("\\b[0-9a-f]{32}\\b", "<id>").replaceAll("\\b1[0-9]{12}\\b", "<time>");
  }
}
