package org.mloop.cli.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mloop.cli.Folders;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceOptions;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.data.AssetRef;
import org.mloop.core.data.DataAsset;
import org.mloop.core.json.Json;
import org.mloop.core.registry.ChampionGate;
import org.mloop.core.registry.Lineage;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.workspace.Workspace;
import org.mloop.runtime.Batch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The champion gate CI runs before promotion: both versions scored in this process on the same
 * held-out data; exit 0 only when the candidate is at least as good. Anything missing or unreadable
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
    ChampionGate gate = ChampionGate.forMetric(metric, minDelta);
    Path scratch = Files.createTempDirectory("mloop-compare-");
    try (Workspace ws = workspace.open()) {
      ModelVersion candidateVersion = ws.getModelVersion(ModelRef.parse(candidate));
      ModelVersion championVersion = champion(ws, ModelRef.parse(champion));
      DataAsset asset = ws.getDataAsset(AssetRef.parse(data));
      warnIfTrainedOn(asset, candidateVersion);
      if (championVersion != null) {
        warnIfTrainedOn(asset, championVersion);
      }
      ModelScorer scorer = new ModelScorer(ws, scratch);
      Batch batch = scorer.read(asset);
      double candidateScore = pick(scorer.score(candidateVersion, batch, label), candidateVersion);
      Double championScore = championVersion == null ? null
          : pick(scorer.score(championVersion, batch, label), championVersion);
      ChampionGate.Verdict verdict = gate.judge(candidateVersion.ref(),
          candidateScore, championVersion == null ? null : championVersion.ref(), championScore);
      Map<String, Object> json = verdict.toJson();
      json.put("data", asset.ref());
      json.put("rows", batch.size());
      publish(verdict, json, asset);
      return verdict.passed() ? 0 : 1;
    } finally {
      Folders.deleteTree(scratch);
    }
  }

  /** The champion's version, or null when its alias (or the whole model) does not exist yet. */
  private static ModelVersion champion(Workspace ws, ModelRef ref) {
    try {
      return ws.getModelVersion(ref);
    } catch (MloopException e) {
      if (e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST && ref.version() == null) {
        return null;
      }
      throw e;
    }
  }

  private double pick(Map<String, Double> scores, ModelVersion version) {
    Double score = scores.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(metric))
        .map(Map.Entry::getValue).findFirst()
        .orElseThrow(() -> MloopException.invalid("unknown --metric '" + metric + "': the gate computes "
            + scores.keySet()));
    if (score.isNaN()) {
      throw MloopException.invalid(version.ref() + " scored NaN " + metric + " on " + data);
    }
    return score;
  }

  /** Scoring a model on rows it was trained on flatters it: say so, loudly, but let CI decide. */
  private static void warnIfTrainedOn(DataAsset asset, ModelVersion version) {
    Lineage lineage = version.lineage();
    if (lineage == null || lineage.dataInputs() == null) {
      return;
    }
    boolean trainedOn = lineage.dataInputs().stream().anyMatch(d -> asset.sha256().equals(d.sha256()));
    if (trainedOn) {
      System.err.println("warning: " + version.ref() + " was trained on " + asset.ref()
          + "; use held-out data the models have not seen for a fair comparison");
    }
  }

  private void publish(ChampionGate.Verdict verdict, Map<String, Object> json, DataAsset asset) throws IOException {
    Printer out = new Printer(System.out, workspace.json());
    if (out.json()) {
      out.json(json);
    } else {
      out.line(String.format("%-10s %-28s %s", "", "VERSION", metric));
      out.line(String.format("%-10s %-28s %.4f", "candidate", verdict.candidate(), verdict.candidateScore()));
      out.line(String.format("%-10s %-28s %s", "champion", verdict.champion() == null ? "(none yet)" : verdict.champion(),
          verdict.championScore() == null ? "-" : String.format("%.4f", verdict.championScore())));
      out.line(verdict.message() + " [" + asset.ref() + "]");
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
          + verdict.message() + " on " + asset.ref() + "\n\n",
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

}
