package org.mloop.monitor.signals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.data.synth.DiabetesFeature;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.data.synth.PatientRow;
import org.mloop.core.endpoints.CollectedRecord;
import org.mloop.core.models.ColumnSpec;
import org.mloop.core.models.ColumnType;

/**
 * Synthetic diabetes baselines and production records for the monitor's tests. The "model" is a
 * fixed logistic function of four features, so its outputs move when those features do.
 */
final class DiabetesTraffic {
  static final long T0 = 1_790_000_000_000L;

  private DiabetesTraffic() {}

  static List<ColumnSpec> signature() {
    List<ColumnSpec> columns = new ArrayList<>();
    for (DiabetesFeature f : DiabetesFeature.values()) {
      columns.add(ColumnSpec.of(f.column(), f.integer() ? ColumnType.LONG : ColumnType.DOUBLE));
    }
    return columns;
  }

  /** The baseline as the evaluator reads it: the synthesizer's CSV through {@link BaselineReader}, with the model's outputs. */
  static Baseline baseline(DiabetesSynthesizer synth, int rows) {
    StringWriter csv = new StringWriter();
    try {
      synth.write(csv, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    Baseline b = new BaselineReader("mloop:synthetic:" + synth.seed(), signature())
        .read(List.of("data.csv"), p -> new ByteArrayInputStream(bytes)).baseline();
    List<PatientRow> patients = synth.rows(rows);
    double[] probabilities = new double[rows];
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      probabilities[i] = probability(patients.get(i));
      labels.add(label(probabilities[i]));
    }
    return b.withPredictions(BaselineColumn.numeric(WindowComputation.PROBABILITY, probabilities),
        BaselineColumn.text(WindowComputation.LABEL, labels));
  }

  static double probability(PatientRow r) {
    double z = 0.03 * (r.plasmaGlucose() - 108) + 0.05 * (r.bmi() - 31) + 0.8 * r.diabetesPedigree()
        + 0.03 * (r.age() - 30) - 0.9;
    return 1 / (1 + Math.exp(-z));
  }

  static String label(double probability) {
    return probability >= 0.5 ? "1" : "0";
  }

  /** Scored rows as a deployment's collector writes them, one request per row. */
  static List<CollectedRecord> records(DiabetesSynthesizer synth, int rows) {
    List<CollectedRecord> out = new ArrayList<>(rows);
    int i = 0;
    for (PatientRow r : synth.rows(rows)) {
      Map<String, Object> inputs = new LinkedHashMap<>();
      for (DiabetesFeature f : DiabetesFeature.values()) {
        inputs.put(f.column(), r.feature(f));
      }
      out.add(record("req-" + synth.seed() + "-" + i, T0 + i, inputs, probability(r)));
      i++;
    }
    return out;
  }

  static CollectedRecord record(String correlationId, long timestamp, Map<String, Object> inputs, double probability) {
    return new CollectedRecord(correlationId, 0, timestamp, "diabetes-prod", "blue", "diabetes", 1, inputs,
        label(probability), Map.of("0", 1 - probability, "1", probability));
  }

  /** The record with {@code column} set to {@code value} (null, a number, text...). */
  static CollectedRecord with(CollectedRecord r, String column, Object value) {
    Map<String, Object> inputs = new LinkedHashMap<>(r.inputs());
    inputs.put(column, value);
    return copy(r, inputs);
  }

  /** The record without {@code column} at all. */
  static CollectedRecord without(CollectedRecord r, String column) {
    Map<String, Object> inputs = new LinkedHashMap<>(r.inputs());
    inputs.remove(column);
    return copy(r, inputs);
  }

  private static CollectedRecord copy(CollectedRecord r, Map<String, Object> inputs) {
    return new CollectedRecord(r.correlationId(), r.row(), r.timestamp(), r.endpoint(), r.deployment(), r.model(),
        r.modelVersion(), inputs, r.label(), r.probabilities());
  }
}
