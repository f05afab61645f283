package org.mloop.runtime.testing;

import org.mloop.runtime.Batch;
import org.mloop.runtime.TribuoFlavor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mloop.core.data.synth.DiabetesFeature;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.data.synth.PatientRow;
import org.mloop.core.models.ColumnSpec;
import org.mloop.core.models.ColumnType;
import org.mloop.core.models.InputExampleInfo;
import org.mloop.core.models.MlModel;
import org.mloop.core.models.MlModelFiles;
import org.mloop.core.models.ModelSignature;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Small trained diabetes models on synthetic patients, written as model folders the way training code does. */
public final class ModelFolders {
  public static final String[] FEATURES = DiabetesFeature.columns().toArray(String[]::new);
  public static final ModelSignature SIGNATURE = new ModelSignature(
      DiabetesFeature.columns().stream()
          .map(c -> ColumnSpec.of(c, DiabetesFeature.valueOf(constant(c)).integer() ? ColumnType.LONG : ColumnType.DOUBLE))
          .toList(),
      List.of(ColumnSpec.of("Diabetic", ColumnType.LONG), ColumnSpec.of("probability", ColumnType.DOUBLE)));

  private ModelFolders() {}

  public static List<PatientRow> patients(long seed, int count) {
    return new DiabetesSynthesizer(seed).rows(count);
  }

  public static MutableDataset<Label> dataset(List<PatientRow> rows) {
    LabelFactory labels = new LabelFactory();
    MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("synthetic", labels), labels);
    for (PatientRow row : rows) {
      data.add(new ArrayExample<>(new Label(Integer.toString(row.diabetic())), FEATURES.clone(), features(row)));
    }
    return data;
  }

  public static double[] features(PatientRow row) {
    double[] values = new double[FEATURES.length];
    DiabetesFeature[] all = DiabetesFeature.values();
    for (int i = 0; i < all.length; i++) {
      values[i] = row.feature(all[i]);
    }
    return values;
  }

  /** The rows as a batch with whole numbers as Longs, the way a JSON request would carry them. */
  public static Batch batch(List<PatientRow> rows) {
    List<List<Object>> data = new ArrayList<>();
    DiabetesFeature[] all = DiabetesFeature.values();
    for (PatientRow row : rows) {
      List<Object> values = new ArrayList<>();
      for (DiabetesFeature f : all) {
        values.add(f.integer() ? (Object) (long) row.feature(f) : (Object) row.feature(f));
      }
      data.add(values);
    }
    return new Batch(List.of(FEATURES), data);
  }

  public static Model<Label> logistic(List<PatientRow> train) {
    return new LibLinearClassificationTrainer(
        new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), 100, 1000, 1e-4, 1).train(dataset(train));
  }

  /** A linear SVM: scores, not probabilities. */
  public static Model<Label> svm(List<PatientRow> train) {
    return new LibLinearClassificationTrainer().train(dataset(train));
  }

  public static Model<Label> boosted(List<PatientRow> train) {
    return new XGBoostClassificationTrainer(20).train(dataset(train));
  }

  public static Path write(Path dir, Model<Label> model, List<PatientRow> example) throws IOException {
    Files.createDirectories(dir);
    model.serializeToFile(dir.resolve("model.tribuo"));
    Files.writeString(dir.resolve(InputExampleInfo.DEFAULT_FILE), batch(example).toDataframeSplitJson());
    MlModelFiles.write(dir, MlModel.create("model",
        Map.of(TribuoFlavor.NAME, TribuoFlavor.settings(model, "model.tribuo", "Diabetic", "1")),
        null, SIGNATURE, InputExampleInfo.dataframeSplit(InputExampleInfo.DEFAULT_FILE)));
    return dir;
  }

  private static String constant(String column) {
    for (DiabetesFeature f : DiabetesFeature.values()) {
      if (f.column().equals(column)) {
        return f.name();
      }
    }
    throw new IllegalArgumentException(column);
  }
}
