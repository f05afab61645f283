package org.mloop.cli.monitors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.mloop.app.Workspaces;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.MloopException;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {"Write a run's HTML report to a file: per feature, the baseline and production histograms side "
        + "by side and each metric against its threshold. One self-contained page; open it in any browser."},
    footer = {"", "Examples:",
        "  mloop monitor report --name diabetes-prod-monitor --out report.html",
        "  mloop monitor report --name diabetes-prod-monitor --run 12 --out run-12.html"})
public final class MonitorReportCommand extends WorkspaceCommand {
  @Option(names = "--name", required = true, description = "The monitor.")
  String name;

  @Option(names = "--run", paramLabel = "ID", description = "The run (default: the latest).")
  Long run;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the HTML page.")
  Path out;

  @Override
  protected int run(Workspace ws, Printer printer) {
    long id = run != null ? run : latest(ws, name).id();
    Path target = out.toAbsolutePath().normalize();
    try (InputStream in = ws.monitors().openReport(name, id)) {
      if (target.getParent() != null) {
        Files.createDirectories(target.getParent());
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + target + ": " + e.getMessage(), e);
    }
    Map<String, Object> json = Printer.object("monitor", name, "run", id, "report", target.toString());
    printer.result(json, "Wrote the report of run " + id + " of monitor " + name + " to " + target);
    return 0;
  }

  static MonitorRun latest(Workspace ws, String monitor) {
    List<MonitorRun> runs = ws.monitors().listRuns(monitor, 1);
    if (runs.isEmpty()) {
      throw MloopException.notFound("monitor '" + monitor + "' has no runs yet: compute one with mloop monitor run"
          + " --name " + monitor);
    }
    return runs.get(0);
  }

  /**
   * Where a run's HTML report is, as a line for people: the server's URL, or for a workspace
   * directory the file itself; and how to write it anywhere.
   */
  static String where(Workspace ws, String location, MonitorRun run) {
    String copy = "mloop monitor report --name " + run.monitor() + " --run " + run.id() + " --out report.html";
    if (Workspaces.isRemote(location)) {
      return "report: " + location.replaceAll("/+$", "") + "/api/v1/monitors/" + run.monitor() + "/runs/" + run.id()
          + "/report (or " + copy + ")";
    }
    if (ws instanceof LocalWorkspace local) {
      String path = reportPath(run.monitor(), run.id());
      if (!local.artifacts().exists(path)) {
        return "report: none (it could not be written; see the notes above)";
      }
      return "report: " + Path.of(URI.create(local.artifacts().uri(path))) + " (or " + copy + ")";
    }
    return "report: " + copy;
  }

  /** Where a workspace keeps a run's report in its artifact store (as LocalWorkspace's monitors write it). */
  static String reportPath(String monitor, long runId) {
    return "monitoring/" + monitor + "/" + runId + "/report.html";
  }
}
