package org.mloop.cli.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.data.AssetRef;
import org.mloop.core.data.DataAsset;
import org.mloop.core.registry.ChampionGate;
import org.mloop.core.registry.Lineage;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.workspace.Workspace;
import org.mloop.runtime.Batch;
import org.mloop.core.files.FileTrees;

/**
 * One run of the champion gate: resolve both versions and the data, score both in this process,
 * judge. Anything missing or unreadable throws (fail closed); the only missing thing that passes is
 * a champion alias nobody has set yet. Used by `mloop model compare` and the quickstart.
 */
public final class ChampionGateRun {
  /** The verdict, its JSON (with the data and row count), and the data asset scored. */
  public record Result(ChampionGate.Verdict verdict, Map<String, Object> json, DataAsset data) {}

  private final Workspace workspace;
  private final ChampionGate gate;
  private final String label;

  public ChampionGateRun(Workspace workspace, ChampionGate gate, String label) {
    this.workspace = workspace;
    this.gate = gate;
    this.label = label;
  }

  public Result run(ModelRef candidateRef, ModelRef championRef, AssetRef dataRef) {
    ModelVersion candidate = workspace.registry().getVersion(candidateRef);
    ModelVersion champion = champion(championRef, candidate);
    DataAsset asset = workspace.data().get(dataRef);
    warnIfTrainedOn(asset, candidate);
    if (champion != null) {
      warnIfTrainedOn(asset, champion);
    }
    Path scratch;
    try {
      scratch = Files.createTempDirectory("mloop-gate-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the models", e);
    }
    try {
      ModelScorer scorer = new ModelScorer(workspace, scratch);
      Batch batch = scorer.read(asset);
      double candidateScore = pick(scorer.score(candidate, batch, label), candidate, asset);
      Double championScore = champion == null ? null : pick(scorer.score(champion, batch, label), champion, asset);
      ChampionGate.Verdict verdict = gate.judge(candidate.ref(), candidateScore,
          champion == null ? null : champion.ref(), championScore);
      Map<String, Object> json = verdict.toJson();
      json.put("data", asset.ref());
      json.put("rows", batch.size());
      return new Result(verdict, json, asset);
    } finally {
      FileTrees.deleteTree(scratch);
    }
  }

  /**
   * The champion's version, or null when there is none yet: only an alias of the candidate's own
   * model that nobody has set. A misspelt model, a bare name or a missing version fails closed.
   */
  private ModelVersion champion(ModelRef ref, ModelVersion candidate) {
    if (ref.alias() == null && ref.version() == null) {
      throw MloopException.invalid("--champion '" + ref.name() + "' names no version: use an alias such as "
          + ref.name() + "@production, or a version such as " + ref.name() + ":3");
    }
    try {
      return workspace.registry().getVersion(ref);
    } catch (MloopException e) {
      boolean unsetAliasOfCandidatesModel = e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST && ref.alias() != null
          && ref.name().equals(candidate.name());
      if (unsetAliasOfCandidatesModel) {
        return null;
      }
      throw e;
    }
  }

  private double pick(Map<String, Double> scores, ModelVersion version, DataAsset asset) {
    String metric = gate.metric();
    Double score = scores.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(metric))
        .map(Map.Entry::getValue).findFirst()
        .orElseThrow(() -> MloopException.invalid("unknown --metric '" + metric + "': the gate computes "
            + scores.keySet()));
    if (score.isNaN()) {
      throw MloopException.invalid(version.ref() + " scored NaN " + metric + " on " + asset.ref());
    }
    return score;
  }

  /** Scoring a model on rows it was trained on flatters it: say so, loudly, but let CI decide. */
  private static void warnIfTrainedOn(DataAsset asset, ModelVersion version) {
    Lineage lineage = version.lineage();
    if (lineage == null || lineage.dataInputs() == null) {
      return;
    }
    if (lineage.dataInputs().stream().anyMatch(d -> asset.sha256().equals(d.sha256()))) {
      System.err.println("warning: " + version.ref() + " was trained on " + asset.ref()
          + "; use held-out data the models have not seen for a fair comparison");
    }
  }
}
