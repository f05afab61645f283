package org.mloop.core.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.data.DataAsset;
import org.mloop.core.data.DataService;
import org.mloop.core.files.FileTrees;

/**
 * One run of the champion gate: resolve both versions and the data, score both on the same rows with
 * the {@link ModelEvaluator}, judge with the request's {@link ChampionGate}. Anything missing or
 * unreadable throws (fail closed); the only missing thing that passes is a champion alias of the
 * candidate's own model that nobody has set yet.
 */
final class ChampionGateRun {
  private final RegistryService registry;
  private final DataService data;
  private final ModelEvaluator evaluator;

  ChampionGateRun(RegistryService registry, DataService data, ModelEvaluator evaluator) {
    this.registry = registry;
    this.data = data;
    this.evaluator = evaluator;
  }

  GateReport run(GateRequest request) {
    ChampionGate rule = request.rule();
    ModelVersion candidate = registry.getVersion(request.candidate());
    ModelVersion champion = champion(request.champion(), candidate);
    DataAsset asset = data.get(request.data());
    List<String> warnings = new ArrayList<>();
    trainedOn(asset, candidate, warnings);
    if (champion != null) {
      trainedOn(asset, champion, warnings);
    }
    ModelEvaluator.HeldOutRows rows = evaluator.read(asset.ref(), csvFiles(asset));
    Path scratch = scratch();
    try {
      double candidateScore = pick(rule, rows.score(registry.modelDirectory(candidate, scratch), candidate.ref(),
          request.label()), candidate, asset);
      Double championScore = champion == null ? null : pick(rule, rows.score(
          registry.modelDirectory(champion, scratch), champion.ref(), request.label()), champion, asset);
      ChampionGate.Verdict verdict = rule.judge(candidate.ref(), candidateScore,
          champion == null ? null : champion.ref(), championScore);
      return new GateReport(verdict, asset.ref(), rows.size(), warnings);
    } finally {
      FileTrees.deleteTree(scratch);
    }
  }

  /** Every CSV file of the asset, in the order the store lists them. */
  private List<ModelEvaluator.CsvFile> csvFiles(DataAsset asset) {
    List<ModelEvaluator.CsvFile> files = data.listFiles(asset).stream()
        .filter(f -> !f.directory() && f.path().toLowerCase().endsWith(".csv")).map(ArtifactFile::path)
        .map(path -> new ModelEvaluator.CsvFile(asset.ref() + "/" + path, () -> data.openFile(asset, path)))
        .toList();
    if (files.isEmpty()) {
      throw MloopException.invalid("data asset " + asset.ref() + " has no CSV files to score");
    }
    return files;
  }

  /**
   * The champion's version, or null when there is none yet: only an alias of the candidate's own
   * model that nobody has set. A misspelt model or a missing version fails closed.
   */
  private ModelVersion champion(ModelRef ref, ModelVersion candidate) {
    try {
      return registry.getVersion(ref);
    } catch (MloopException e) {
      boolean unsetAliasOfCandidatesModel = e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST && ref.alias() != null
          && ref.name().equals(candidate.name());
      if (unsetAliasOfCandidatesModel) {
        return null;
      }
      throw e;
    }
  }

  private static double pick(ChampionGate rule, Map<String, Double> scores, ModelVersion version, DataAsset asset) {
    String metric = rule.metric();
    Double score = scores.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(metric))
        .map(Map.Entry::getValue).findFirst()
        .orElseThrow(() -> MloopException.invalid("unknown metric '" + metric + "': the gate computes "
            + scores.keySet()));
    if (score.isNaN()) {
      throw MloopException.invalid(version.ref() + " scored NaN " + metric + " on " + asset.ref());
    }
    return score;
  }

  /** Scoring a model on rows it was trained on flatters it: the report says so, and CI decides. */
  private static void trainedOn(DataAsset asset, ModelVersion version, List<String> warnings) {
    Lineage lineage = version.lineage();
    if (lineage == null || lineage.dataInputs() == null) {
      return;
    }
    if (lineage.dataInputs().stream().anyMatch(d -> asset.sha256().equals(d.sha256()))) {
      warnings.add(version.ref() + " was trained on " + asset.ref()
          + "; use held-out data the models have not seen for a fair comparison");
    }
  }

  private static Path scratch() {
    try {
      return Files.createTempDirectory("mloop-gate-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the models", e);
    }
  }
}
