package org.mloop.core.data.synth;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.mloop.core.MloopException;

/**
 * The eight feature columns of the diabetes data, in file order.
 *
 * <p>{@code referenceMean} and {@code referenceStd} are the statistics of the real production data
 * (10,000 rows, population std); a shift of K moves a feature by K times {@code referenceStd}.
 * {@code lowerLimit}/{@code upperLimit} are physiologically plausible bounds that shifted values are
 * clamped to; they are wider than the real data's range so that a shift really moves the mean.
 */
public enum DiabetesFeature {
  PREGNANCIES("Pregnancies", true, 3.2558, 3.4055, 0, 20),
  PLASMA_GLUCOSE("PlasmaGlucose", true, 107.8502, 31.9193, 40, 300),
  DIASTOLIC_BLOOD_PRESSURE("DiastolicBloodPressure", true, 71.2075, 16.8006, 20, 140),
  TRICEPS_THICKNESS("TricepsThickness", true, 28.8176, 14.5058, 5, 100),
  SERUM_INSULIN("SerumInsulin", true, 139.2436, 133.7712, 10, 1000),
  BMI("BMI", false, 31.5670, 9.8039, 15, 70),
  DIABETES_PEDIGREE("DiabetesPedigree", false, 0.4009, 0.3814, 0.05, 3.0),
  AGE("Age", true, 30.1341, 12.1054, 18, 100);

  private final String column;
  private final boolean integer;
  private final double referenceMean;
  private final double referenceStd;
  private final double lowerLimit;
  private final double upperLimit;

  DiabetesFeature(String column, boolean integer, double referenceMean, double referenceStd,
      double lowerLimit, double upperLimit) {
    this.column = column;
    this.integer = integer;
    this.referenceMean = referenceMean;
    this.referenceStd = referenceStd;
    this.lowerLimit = lowerLimit;
    this.upperLimit = upperLimit;
  }

  /** The CSV column name, e.g. "PlasmaGlucose". */
  public String column() {
    return column;
  }

  /** True when the CSV holds whole numbers for this column (all but BMI and DiabetesPedigree). */
  public boolean integer() {
    return integer;
  }

  public double referenceMean() {
    return referenceMean;
  }

  public double referenceStd() {
    return referenceStd;
  }

  public double lowerLimit() {
    return lowerLimit;
  }

  public double upperLimit() {
    return upperLimit;
  }

  /** The column names in file order. */
  public static List<String> columns() {
    return Arrays.stream(values()).map(DiabetesFeature::column).toList();
  }

  /** The feature for a CSV column name (exact, case-sensitive); rejects unknown names, listing the valid ones. */
  public static DiabetesFeature ofColumn(String column) {
    for (DiabetesFeature feature : values()) {
      if (feature.column.equals(column)) {
        return feature;
      }
    }
    throw MloopException.invalid("unknown diabetes feature column '" + column + "'; valid columns are: "
        + Arrays.stream(values()).map(DiabetesFeature::column).collect(Collectors.joining(", ")));
  }
}
