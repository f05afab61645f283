package org.mloop.cli.monitors;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.MloopException;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.Verdict;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {"Compute a monitor run now over a window of production data, store it with its HTML report, "
        + "and print every metric against its threshold, then the verdict: OK, ALERT (an alert is recorded and "
        + "posted to the monitor's webhooks), NO_DATA (the window held no production data: nothing was judged, "
        + "which is not \"no drift\") or FAILED (the run could not be computed; the summary says why).",
        "The window is the monitor's (e.g. the last 24h) unless --window or --from/--to say otherwise."},
    footer = {"", "Exit codes: 0 when the run was computed and stored, whatever its verdict.",
        "  With --fail-on-alert: " + MonitorRunCommand.EXIT_ALERT + " on ALERT, " + MonitorRunCommand.EXIT_FAILED
            + " on FAILED, and " + MonitorRunCommand.EXIT_NO_DATA + " on NO_DATA",
        "  (the window held no data: nothing was judged, which is not \"no drift\").",
        "  1 and 2 are errors (bad options, unknown monitor...), as for every command.",
        "", "Examples:",
        "  mloop monitor run --name diabetes-prod-monitor",
        "  mloop monitor run --name diabetes-prod-monitor --window 1h --fail-on-alert",
        "  mloop monitor run --name diabetes-prod-monitor \\",
        "      --from 2026-11-25T00:00:00Z --to 2026-11-26T00:00:00Z"})
public final class MonitorRunCommand extends WorkspaceCommand {
  /** Exit code of an ALERT verdict under --fail-on-alert (what CI keys retraining on). */
  public static final int EXIT_ALERT = 3;
  /** Exit code of a NO_DATA verdict under --fail-on-alert: nothing was judged, so CI must not read it as "no drift". */
  public static final int EXIT_NO_DATA = 4;
  /** Exit code of a FAILED verdict under --fail-on-alert. */
  public static final int EXIT_FAILED = 5;

  @Option(names = "--name", required = true, description = "The monitor.")
  String name;

  @Option(names = "--window", paramLabel = "DURATION",
      description = "Read the production data of this long back from now, e.g. 1h (default: the monitor's window).")
  String window;

  @Option(names = "--from", paramLabel = "TIME",
      description = "Window start, ISO-8601 (2026-11-25T00:00:00Z, or a date: midnight UTC); inclusive.")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Window end, ISO-8601; exclusive (default: now).")
  String to;

  @Option(names = "--fail-on-alert", description = "Exit non-zero unless the verdict is OK (see exit codes below).")
  boolean failOnAlert;

  private Long start;
  private Long end;

  @Override
  protected void checkOptions() {
    start = from == null ? null : time(from, "--from");
    end = to == null ? null : time(to, "--to");
    if (window != null) {
      if (start != null) {
        throw MloopException.invalid("--window and --from both say where the window starts: give one of them");
      }
      long w = MonitorViews.duration(window, "--window").toMillis();
      end = end == null ? System.currentTimeMillis() : end;
      start = end - w;
    }
    if (start != null && end != null && start >= end) {
      throw MloopException.invalid("the window is empty: --from (" + Instant.ofEpochMilli(start)
          + ") must be before --to (" + Instant.ofEpochMilli(end) + ")");
    }
  }

  @Override
  protected int run(Workspace ws, Printer out) {
    MonitorRun run = ws.monitors().run(name, start, end);
    out.result(run, () -> print(out, ws, run));
    return exitCode(run.verdict(), failOnAlert);
  }

  static int exitCode(Verdict verdict, boolean failOnAlert) {
    if (!failOnAlert) {
      return 0;
    }
    return switch (verdict) {
      case OK -> 0;
      case ALERT -> EXIT_ALERT;
      case NO_DATA -> EXIT_NO_DATA;
      case FAILED -> EXIT_FAILED;
    };
  }

  private void print(Printer out, Workspace ws, MonitorRun run) {
    out.line("Run " + run.id() + " of monitor " + run.monitor() + " (endpoint " + run.endpoint() + ")");
    out.fields(MonitorViews.runFields(run).stream().filter(f -> !f[0].equals("run")).toList());
    if (!run.metrics().isEmpty()) {
      out.line("");
      out.table(MonitorViews.metricHeader(), MonitorViews.metricRows(run));
    }
    for (String note : run.notes()) {
      out.line("note: " + note);
    }
    out.line("");
    MonitorViews.signalLines(run).forEach(out::line);
    out.line(MonitorViews.verdict(run));
    out.line(MonitorReportCommand.where(ws, workspace.location(), run));
  }

  /** An instant ("2026-11-25T00:00:00Z", "2026-11-25T01:00:00+01:00") or a date (midnight UTC), as epoch millis. */
  static long time(String text, String option) {
    String t = text.strip();
    try {
      return Instant.parse(t).toEpochMilli();
    } catch (DateTimeParseException e) {
      // try the other forms
    }
    try {
      return OffsetDateTime.parse(t).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      // try a date
    }
    try {
      return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw MloopException.invalid(option + ": '" + text + "' is not an ISO-8601 time: write e.g. "
          + "2026-11-25T00:00:00Z or 2026-11-25");
    }
  }
}
