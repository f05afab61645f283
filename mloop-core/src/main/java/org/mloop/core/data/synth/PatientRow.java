package org.mloop.core.data.synth;

/**
 * One synthetic patient: the ten columns of a diabetes CSV row. Doubles are already rounded to
 * the decimals the CSV shows, so a row parsed back from the file equals the row that was written.
 */
public record PatientRow(
    int patientId,
    int pregnancies,
    int plasmaGlucose,
    int diastolicBloodPressure,
    int tricepsThickness,
    int serumInsulin,
    double bmi,
    double diabetesPedigree,
    int age,
    int diabetic) {

  static final int BMI_DECIMALS = 8;
  static final int PEDIGREE_DECIMALS = 9;

  /** The feature value of one column, as a double. */
  public double feature(DiabetesFeature feature) {
    return switch (feature) {
      case PREGNANCIES -> pregnancies;
      case PLASMA_GLUCOSE -> plasmaGlucose;
      case DIASTOLIC_BLOOD_PRESSURE -> diastolicBloodPressure;
      case TRICEPS_THICKNESS -> tricepsThickness;
      case SERUM_INSULIN -> serumInsulin;
      case BMI -> bmi;
      case DIABETES_PEDIGREE -> diabetesPedigree;
      case AGE -> age;
    };
  }

  /** The CSV line, without line terminator, in {@link DiabetesSynthesizer#HEADER} order. */
  public String toCsvLine() {
    StringBuilder line = new StringBuilder(64);
    line.append(patientId).append(',')
        .append(pregnancies).append(',')
        .append(plasmaGlucose).append(',')
        .append(diastolicBloodPressure).append(',')
        .append(tricepsThickness).append(',')
        .append(serumInsulin).append(',');
    appendFixed(line, bmi, BMI_DECIMALS);
    line.append(',');
    appendFixed(line, diabetesPedigree, PEDIGREE_DECIMALS);
    line.append(',').append(age).append(',').append(diabetic);
    return line.toString();
  }

  /**
   * Fixed-point formatting of a non-negative value that is small enough to scale to a long; locale-free
   * and much faster than String.format, which matters when writing millions of rows.
   */
  static void appendFixed(StringBuilder out, double value, int decimals) {
    long scale = pow10(decimals);
    long scaled = Math.round(value * scale);
    if (scaled < 0) {
      throw new IllegalArgumentException("negative value " + value + " cannot be formatted here");
    }
    out.append(scaled / scale).append('.');
    String fraction = Long.toString(scaled % scale);
    out.append("0".repeat(decimals - fraction.length())).append(fraction);
  }

  static double round(double value, int decimals) {
    long scale = pow10(decimals);
    return Math.round(value * scale) / (double) scale;
  }

  private static long pow10(int decimals) {
    long scale = 1;
    for (int i = 0; i < decimals; i++) {
      scale *= 10;
    }
    return scale;
  }
}
