package org.mloop.cli.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceOptions;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.data.AssetRef;
import org.mloop.core.json.Json;
import org.mloop.core.registry.ChampionGate;
import org.mloop.core.registry.GateReport;
import org.mloop.core.registry.GateRequest;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The champion gate CI runs before promotion: both versions scored on the same held-out data by the
 * workspace's registry (in this process, or in the server's); exit 0 only when the candidate is at
 * least as good. Anything missing or unreadable
 * fails closed (exit 2); the only missing thing that passes is a champion alias nobody has set yet.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {"Score a candidate and the champion on the same held-out data; exit 0 only if the candidate is at"
        + " least as good (exit 1 when it is worse, 2 when anything is missing or unreadable).",
        "With no champion yet (the alias is not set), the candidate passes as the first version.",
        "Both figures are printed, written to --report as JSON, and appended to $GITHUB_STEP_SUMMARY when set."},
    footer = {"", "Example:",
        "  mloop model compare --candidate diabetes:7 --champion diabetes@production"
            + " --data mloop:diabetes-holdout@latest --metric AUC --report gate.json"})
public final class ModelCompareCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions workspace;
  @Spec CommandSpec spec;

  @Option(names = "--candidate", required = true, description = "The version to judge, e.g. diabetes:7.")
  String candidate;

  @Option(names = "--champion", required = true, description = "The version to beat, e.g. diabetes@production.")
  String champion;

  @Option(names = "--data", required = true, description = "Held-out data asset, e.g. mloop:diabetes-holdout@latest.")
  String data;

  @Option(names = "--metric", defaultValue = "AUC",
      description = "Accuracy, AUC, Precision or Recall (default: ${DEFAULT-VALUE}).")
  String metric;

  @Option(names = "--min-delta", defaultValue = "0",
      description = "How much better than the champion the candidate must be (default: ${DEFAULT-VALUE}).")
  double minDelta;

  @Option(names = "--label", description = "Label column (default: the one the model was trained on).")
  String label;

  @Option(names = "--report", description = "Write the verdict with both figures to this JSON file.")
  Path report;

  @Override
  public Integer call() throws IOException {
    try {
      ChampionGate.forMetric(metric, minDelta);
    } catch (MloopException e) {
      throw new MloopException(e.code(), "--min-delta " + minDelta + ": " + e.getMessage(), e);
    }
    GateRequest request = GateRequest.builder(ModelRef.parse(candidate)).champion(ModelRef.parse(champion))
        .data(AssetRef.parse(data)).metric(metric).minDelta(minDelta).label(label).build();
    GateReport result;
    try (Workspace ws = workspace.open()) {
      result = ws.registry().gate(request);
    } catch (MloopException e) {
      throw e;
    } catch (RuntimeException e) {
      // Fail closed with exit 2 (never 1, which means "worse") on anything unreadable.
      throw new MloopException(ErrorCode.INTERNAL_ERROR, "the gate could not score the models: " + e.getMessage(), e);
    }
    Printer out = Printer.of(spec, workspace.json());
    result.warnings().forEach(warning -> out.err().println("warning: " + warning));
    try {
      publish(result, out);
    } catch (IOException | RuntimeException e) {
      // Exit 1 means "worse"; a verdict that cannot be reported must not look like one, nor like a pass.
      throw MloopException.invalid("the gate " + (result.passed() ? "passed" : "blocked")
          + " but its report could not be written: " + e.getMessage());
    }
    return result.passed() ? 0 : 1;
  }

  private void publish(GateReport result, Printer out) throws IOException {
    ChampionGate.Verdict verdict = result.verdict();
    Map<String, Object> json = result.toJson();
    if (out.json()) {
      out.json(json);
    } else {
      out.line(String.format("%-10s %-28s %s", "", "VERSION", metric));
      out.line(String.format("%-10s %-28s %.4f", "candidate", verdict.candidate(), verdict.candidateScore()));
      out.line(String.format("%-10s %-28s %s", "champion", verdict.champion() == null ? "(none yet)" : verdict.champion(),
          verdict.championScore() == null ? "-" : String.format("%.4f", verdict.championScore())));
      out.line(verdict.message() + " [" + result.data() + "]");
    }
    if (report != null) {
      Files.writeString(report, Json.writePretty(json) + "\n", StandardCharsets.UTF_8);
    }
    String summary = System.getenv("GITHUB_STEP_SUMMARY");
    if (summary != null && !summary.isBlank()) {
      Files.writeString(Path.of(summary), "### Champion gate: " + (verdict.passed() ? "passed" : "blocked") + "\n\n"
          + "| | version | " + metric + " |\n|---|---|---|\n"
          + "| candidate | " + verdict.candidate() + " | " + String.format("%.4f", verdict.candidateScore()) + " |\n"
          + "| champion | " + (verdict.champion() == null ? "(none yet)" : verdict.champion()) + " | "
          + (verdict.championScore() == null ? "-" : String.format("%.4f", verdict.championScore())) + " |\n\n"
          + verdict.message() + " on " + result.data() + "\n\n",
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

}
