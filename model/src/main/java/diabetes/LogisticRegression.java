package diabetes;

import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * L2-regularized logistic regression with LibLinear (the solver scikit-learn's "liblinear" uses),
 * on the raw, unscaled features, with cost C = 1 / reg_rate.
 */
public final class LogisticRegression {
  /** The label value that counts as positive (diabetic). */
  public static final String POSITIVE = "1";
  static final int MAX_ITERATIONS = 1000;
  /** LibLinear's stopping tolerance; scikit-learn uses 1e-4, and a loose one costs AUC on unscaled features. */
  static final double TOLERANCE = 1e-4;
  static final long SOLVER_SEED = 12345;

  private LogisticRegression() {}

  public static Model<Label> train(DiabetesData data, double regRate) {
    if (!(regRate > 0) || Double.isInfinite(regRate)) {
      throw new InputError("--reg_rate must be a positive number, got " + regRate);
    }
    LibLinearClassificationTrainer trainer = new LibLinearClassificationTrainer(
        new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR),
        1.0 / regRate, MAX_ITERATIONS, TOLERANCE, SOLVER_SEED);
    return trainer.train(dataset(data, "diabetes training split"));
  }

  /** The rows as a Tribuo dataset with features named as the CSV columns and labels "0"/"1". */
  public static Dataset<Label> dataset(DiabetesData data, String description) {
    LabelFactory labels = new LabelFactory();
    MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance(description, labels), labels);
    String[] names = DiabetesData.FEATURES.toArray(String[]::new);
    for (int i = 0; i < data.size(); i++) {
      Label label = new Label(Integer.toString(data.labels()[i]));
      dataset.add(new ArrayExample<>(label, names.clone(), data.features()[i].clone()));
    }
    return dataset;
  }
}
