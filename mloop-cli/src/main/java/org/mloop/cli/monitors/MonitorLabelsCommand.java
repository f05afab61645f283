package org.mloop.cli.monitors;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.monitoring.GroundTruth;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "labels",
    mixinStandardHelpOptions = true,
    description = {"Post ground truth for rows an endpoint scored, by the correlation id scoring returned (the "
        + "x-request-id response header) and the row's index in its request. Monitors with the model_performance "
        + "signal then measure accuracy, precision, recall and AUC on the labeled rows of their window.",
        "A label posted again for the same correlation id and row replaces the earlier one."},
    footer = {"", "File formats: CSV with a header (row is optional, 0 when absent; no quoting):",
        "  correlation_id,row,label",
        "  3f1c9a0e-...,0,1",
        "or JSON Lines:",
        "  {\"correlation_id\": \"3f1c9a0e-...\", \"row\": 0, \"label\": 1}",
        "", "Example:", "  mloop monitor labels --endpoint diabetes-prod --file labels.csv"})
public final class MonitorLabelsCommand extends WorkspaceCommand {
  /** Labels sent per call, so a large file does not become one huge request. */
  static final int BATCH = 5_000;

  @Option(names = "--endpoint", required = true, description = "The endpoint that scored the rows.")
  String endpoint;

  @Option(names = "--file", required = true, paramLabel = "FILE", description = "CSV or JSON Lines (see below).")
  Path file;

  private List<GroundTruth> labels;

  @Override
  protected void checkOptions() {
    labels = LabelsFile.read(file);
  }

  @Override
  protected int run(Workspace ws, Printer out) {
    ws.endpoints().get(endpoint);
    int stored = 0;
    for (int i = 0; i < labels.size(); i += BATCH) {
      stored += ws.monitors().postGroundTruth(endpoint, labels.subList(i, Math.min(labels.size(), i + BATCH)));
    }
    Map<String, Object> json = Printer.object("endpoint", endpoint, "read", labels.size(), "stored", stored);
    out.result(json, "Posted " + stored + " label" + (stored == 1 ? "" : "s") + " for endpoint " + endpoint
        + " (read " + labels.size() + " from " + file + ")");
    return 0;
  }
}
