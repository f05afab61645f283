package org.mloop.cli.endpoints;

import java.util.List;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.MloopException;
import org.mloop.core.endpoints.DeploymentEvent;
import org.mloop.core.json.Json;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = {"Print a deployment's log: what its scoring hosts reported (model loaded, load failures, "
        + "traffic applied), one line each with the time and the host.",
        "--follow keeps printing new lines until interrupted (Ctrl-C); with --output json each line is one JSON "
            + "object (JSON Lines)."},
    footer = {"", "Examples:", "  mloop deployment logs --endpoint diabetes-prod --name green --tail 20",
        "  mloop deployment logs --endpoint diabetes-prod --name green --follow"})
public final class DeploymentLogsCommand extends WorkspaceCommand {
  static final int MAX_LINES = 10_000;
  private static final long POLL_MILLIS = 1000;

  @Mixin DeploymentName deployment;

  @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines (default: all, up to "
      + MAX_LINES + ").")
  Integer tail;

  @Option(names = {"-f", "--follow"}, description = "Keep printing new lines as they are written.")
  boolean follow;

  @Override
  protected void checkOptions() {
    if (tail != null && (tail < 1 || tail > MAX_LINES)) {
      throw MloopException.invalid("--tail " + tail + " is out of range: use 1 to " + MAX_LINES);
    }
  }

  @Override
  protected int run(Workspace ws, Printer out) throws InterruptedException {
    List<DeploymentEvent> events = ws.endpoints().deploymentLogs(deployment.endpoint, deployment.name, 0, tail == null ? MAX_LINES : tail);
    if (out.json() && !follow) {
      out.json(events);
      return 0;
    }
    if (events.isEmpty() && !out.json()) {
      out.line("(no log lines yet: scoring hosts write here when they load or drop the deployment)");
    }
    long last = print(out, events, 0);
    while (follow) {
      Thread.sleep(POLL_MILLIS);
      last = print(out, ws.endpoints().deploymentLogs(deployment.endpoint, deployment.name, last, MAX_LINES), last);
    }
    return 0;
  }

  private static long print(Printer out, List<DeploymentEvent> events, long last) {
    for (DeploymentEvent e : events) {
      out.line(out.json() ? Json.write(e) : line(e));
      last = Math.max(last, e.id());
    }
    return last;
  }

  static String line(DeploymentEvent e) {
    return EndpointViews.time(e.time()) + " [" + (e.host() == null ? "-" : e.host()) + "] " + e.message();
  }
}
