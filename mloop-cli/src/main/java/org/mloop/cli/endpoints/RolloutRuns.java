package org.mloop.cli.endpoints;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.mloop.cli.Printer;
import org.mloop.app.Workspaces;
import org.mloop.core.MloopException;
import org.mloop.core.endpoints.LocalEndpointService;
import org.mloop.core.rollout.RolloutResult;
import org.mloop.core.rollout.RolloutStep;
import org.mloop.core.workspace.Workspace;
import org.mloop.server.EndpointScoring;
import org.mloop.serving.host.ScoringHost;

/**
 * What {@code mloop endpoint rollout} and {@code restore} share: smoke tests on a workspace
 * directory score on a host of this process (through a server, the server's host does), and the
 * result printed as steps with timings or as JSON.
 */
public final class RolloutRuns {
  private RolloutRuns() {}

  /**
   * Runs {@code operation} on {@code endpoint}; on a workspace directory with a scoring host of this
   * process for its smoke tests, closed afterwards.
   */
  public static RolloutResult run(Workspace ws, String location, String endpoint,
      Function<Workspace, RolloutResult> operation) {
    if (Workspaces.isRemote(location) || !(ws.endpoints() instanceof LocalEndpointService local)) {
      return operation.apply(ws);
    }
    try (ScoringHost host = EndpointInvoker.localHost(ws, location, endpoint)) {
      local.scoringInThisProcess(EndpointScoring.probe(host));
      try {
        return operation.apply(ws);
      } finally {
        local.scoringInThisProcess(null);
      }
    }
  }

  /** The smoke-test request file's text; null when none is given. */
  static String smokeTest(Path file) throws IOException {
    if (file == null) {
      return null;
    }
    if (!Files.isRegularFile(file)) {
      throw MloopException.invalid("smoke-test request file " + file + " not found (--smoke-test)");
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /**
   * Prints the steps with their times, the splits and the alias (on stderr when stdout carries the
   * result as JSON, as a job's log does); exit code 0 when it succeeded, else 1.
   */
  static int print(RolloutResult r, Printer out) {
    print(r, out.progress(), "");
    if (out.json()) {
      out.json(r);
    }
    if (!r.succeeded()) {
      out.err().println("error: " + r.error());
    }
    return r.succeeded() ? 0 : 1;
  }

  /** The result for people, each line prefixed with {@code indent}. */
  public static void print(RolloutResult r, PrintWriter out, String indent) {
    out.println(indent + r.operation() + " of " + r.model() + " on " + r.endpoint() + " as " + r.deployment() + ": "
        + (r.succeeded() ? "done" : "FAILED") + " in " + seconds(r.millis()));
    for (RolloutStep s : r.steps()) {
      out.println(indent + "  " + (s.ok() ? "ok    " : "FAILED") + String.format(" %6d ms  ", s.millis()) + s.name()
          + (s.detail() == null ? "" : ": " + s.detail()));
    }
    out.println(indent + "traffic: " + split(r.trafficBefore()) + " -> " + split(r.trafficAfter()));
    if (r.alias() != null) {
      out.println(indent + "alias " + r.alias() + ": " + version(r.aliasBefore()) + " -> " + version(r.aliasAfter()));
    }
    if (r.kept() != null) {
      out.println(indent + "kept at 0% for a restore: " + r.kept());
    }
    if (!r.deleted().isEmpty()) {
      out.println(indent + "deleted idle deployments: " + String.join(", ", r.deleted()));
    }
  }

  static String split(Map<String, Integer> split) {
    if (split.isEmpty()) {
      return "no traffic";
    }
    StringBuilder text = new StringBuilder();
    split.forEach((d, p) -> text.append(text.isEmpty() ? "" : ",").append(d).append('=').append(p));
    return text.toString();
  }

  private static String version(Integer v) {
    return v == null ? "(none)" : String.valueOf(v);
  }

  private static String seconds(long millis) {
    return String.format("%.1f s", millis / 1000.0);
  }
}
