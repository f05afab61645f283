package org.mloop.core.registry;

import java.util.List;
import java.util.Map;

/**
 * What a run of the champion gate found: the verdict with both figures, the data asset version both
 * were scored on and its row count, and warnings (a version scored on data it was trained on).
 */
public record GateReport(ChampionGate.Verdict verdict, String data, int rows, List<String> warnings) {
  public GateReport {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  public boolean passed() {
    return verdict.passed();
  }

  /** The verdict's fields with the data and the row count, as CI reports keep them. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = verdict.toJson();
    json.put("data", data);
    json.put("rows", rows);
    return json;
  }
}
