package org.mloop.core.data.synth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import org.mloop.core.MloopException;

/**
 * Synthetic diabetes patients shaped like the real exercise data, so the project has its own default
 * data and can make drifted data on demand.
 *
 * <p>Each feature is drawn independently (the real features are nearly uncorrelated) from a small
 * mixture that mimics the real marginal: many 0/1 pregnancies, a young-adult age peak with a long
 * tail, a bimodal BMI, right-skewed insulin and pedigree. Means, standard deviations and ranges
 * are close to the real production data; see {@link DiabetesFeature}. The label comes from
 * {@link DiabetesRisk}, a non-linear rule with about one third positives.
 *
 * <p>The same seed always gives the same bytes: draws use {@link Random} (whose algorithm the Java
 * specification fixes) and {@link StrictMath}, and numbers are formatted without a locale.
 *
 * <p>{@link #shift} moves a feature by K reference standard deviations, clamped to plausible limits;
 * the patients (the random draws) stay the same, and the label follows the same rule from the
 * shifted values (the population drifts, the disease does not). Instances are immutable.
 *
 * <pre>{@code
 * new DiabetesSynthesizer(42).shift("PlasmaGlucose", 1.5).write(Path.of("drifted.csv"), 10_000);
 * }</pre>
 */
public final class DiabetesSynthesizer {
  public static final String HEADER = "PatientID,Pregnancies,PlasmaGlucose,DiastolicBloodPressure,"
      + "TricepsThickness,SerumInsulin,BMI,DiabetesPedigree,Age,Diabetic";

  private final long seed;
  private final Map<DiabetesFeature, Double> shifts;

  public DiabetesSynthesizer(long seed) {
    this(seed, new EnumMap<>(DiabetesFeature.class));
  }

  private DiabetesSynthesizer(long seed, Map<DiabetesFeature, Double> shifts) {
    this.seed = seed;
    this.shifts = shifts;
  }

  public long seed() {
    return seed;
  }

  /**
   * A synthesizer whose {@code column} is moved by {@code sds} reference standard deviations
   * (replacing an earlier shift of that column). Values are clamped to the feature's plausible limits,
   * so a shift that pushes many values into a limit (for example a negative shift of Pregnancies,
   * which is often 0) moves the mean by less than {@code sds}.
   *
   * @throws MloopException for an unknown column (the message lists the valid ones) or a non-finite shift
   */
  public DiabetesSynthesizer shift(String column, double sds) {
    DiabetesFeature feature = DiabetesFeature.ofColumn(column);
    if (!Double.isFinite(sds)) {
      throw MloopException.invalid("shift of " + column + " must be a finite number of standard deviations, got " + sds);
    }
    Map<DiabetesFeature, Double> next = new EnumMap<>(DiabetesFeature.class);
    next.putAll(shifts);
    next.put(feature, sds);
    return new DiabetesSynthesizer(seed, next);
  }

  /** The shifts in effect, in standard deviations per feature (empty for baseline data). */
  public Map<DiabetesFeature, Double> shifts() {
    return Collections.unmodifiableMap(shifts);
  }

  /** The first {@code count} rows, in memory (for tests and small samples). */
  public List<PatientRow> rows(int count) {
    List<PatientRow> rows = new ArrayList<>(checkCount(count));
    iterator(count).forEachRemaining(rows::add);
    return rows;
  }

  /** The first {@code count} rows, generated one at a time as the iterator is advanced. */
  public Iterator<PatientRow> iterator(int count) {
    checkCount(count);
    Random random = new Random(seed);
    return new Iterator<>() {
      private int produced;

      @Override
      public boolean hasNext() {
        return produced < count;
      }

      @Override
      public PatientRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        produced++;
        return nextRow(random);
      }
    };
  }

  /** Writes a CSV file with the header and {@code count} rows, streaming (memory does not grow with count). */
  public void write(Path csvFile, int count) throws IOException {
    Path parent = csvFile.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter out = Files.newBufferedWriter(csvFile, StandardCharsets.UTF_8)) {
      write(out, count);
    }
  }

  /** Writes the header and {@code count} rows to {@code out}, one per line ending in '\n'; does not close it. */
  public void write(Writer out, int count) throws IOException {
    out.write(HEADER);
    out.write('\n');
    Iterator<PatientRow> rows = iterator(count);
    while (rows.hasNext()) {
      out.write(rows.next().toCsvLine());
      out.write('\n');
    }
    out.flush();
  }

  private static int checkCount(int count) {
    if (count < 0) {
      throw MloopException.invalid("row count must be 0 or more, got " + count);
    }
    return count;
  }

  // The draw order below is part of the output format: changing it changes every file for every seed.
  private PatientRow nextRow(Random random) {
    int patientId = 1_000_000 + random.nextInt(1_000_000);

    double u = random.nextDouble();
    double pregnancies = u < 0.29 ? 0 : u < 0.48 ? 1 : clamp(Math.round(5.85 + 2.6 * random.nextGaussian()), 2, 14);

    double glucose = random.nextDouble() < 0.42 ? 80 + 13 * random.nextGaussian() : 127 + 27 * random.nextGaussian();
    glucose = clamp(Math.round(glucose), 44, 192);

    double bloodPressure = clamp(Math.round(71.3 + 16.8 * random.nextGaussian()), 24, 117);

    // A cluster of very thin skin folds, a broad normal bulk, and a rare thick tail.
    double triceps = random.nextDouble() < 0.2 ? 7 + random.nextInt(4) : Math.round(33.5 + 11 * random.nextGaussian());
    if (random.nextDouble() < 0.004) {
      triceps = 60 + random.nextInt(33);
    }
    triceps = clamp(triceps, 7, 92);

    double insulin = clamp(Math.round(14 + gamma(random, 0.9, 140)), 14, 796);

    // Bimodal: a lean group just above the minimum, and an overweight-to-obese majority.
    double bmi = random.nextDouble() < 0.33
        ? 18.2 + Math.abs(2.0 * random.nextGaussian())
        : 37 + 7.5 * random.nextGaussian();
    bmi = clamp(bmi, 18.2, 56.03);

    double pedigree = random.nextDouble() < 0.62
        ? 0.078 - 0.07 * StrictMath.log(1 - random.nextDouble())
        : 0.3 + 0.43 * StrictMath.exp(0.6 * random.nextGaussian());
    pedigree = clamp(pedigree, 0.078, 2.3);

    // Most patients are young adults (21-25); the rest spread out to old age.
    double age = random.nextDouble() < 0.66
        ? 21 + Math.floor(-2.0 * StrictMath.log(1 - random.nextDouble()))
        : Math.round(27 + 16 * StrictMath.exp(0.5 * random.nextGaussian()));
    age = clamp(age, 21, 77);

    double labelDraw = random.nextDouble();

    int p = (int) shifted(DiabetesFeature.PREGNANCIES, pregnancies);
    int g = (int) shifted(DiabetesFeature.PLASMA_GLUCOSE, glucose);
    int bp = (int) shifted(DiabetesFeature.DIASTOLIC_BLOOD_PRESSURE, bloodPressure);
    int tr = (int) shifted(DiabetesFeature.TRICEPS_THICKNESS, triceps);
    int in = (int) shifted(DiabetesFeature.SERUM_INSULIN, insulin);
    double bm = PatientRow.round(shifted(DiabetesFeature.BMI, bmi), PatientRow.BMI_DECIMALS);
    double pd = PatientRow.round(shifted(DiabetesFeature.DIABETES_PEDIGREE, pedigree), PatientRow.PEDIGREE_DECIMALS);
    int ag = (int) shifted(DiabetesFeature.AGE, age);

    int diabetic = DiabetesRisk.label(DiabetesRisk.score(p, g, bp, tr, in, bm, pd, ag), labelDraw);
    return new PatientRow(patientId, p, g, bp, tr, in, bm, pd, ag, diabetic);
  }

  /** The value moved by the feature's shift, clamped to its limits, and rounded for integer columns. */
  private double shifted(DiabetesFeature feature, double value) {
    Double sds = shifts.get(feature);
    if (sds == null || sds == 0) {
      return value;
    }
    double moved = clamp(value + sds * feature.referenceStd(), feature.lowerLimit(), feature.upperLimit());
    return feature.integer() ? Math.round(moved) : moved;
  }

  private static double clamp(double value, double min, double max) {
    return Math.max(min, Math.min(max, value));
  }

  /** Gamma(shape, scale) by Marsaglia and Tsang; shapes below 1 use the boost gamma(a) = gamma(a + 1) * U^(1/a). */
  private static double gamma(Random random, double shape, double scale) {
    double boost = 1;
    if (shape < 1) {
      boost = StrictMath.pow(1 - random.nextDouble(), 1 / shape);
      shape += 1;
    }
    double d = shape - 1.0 / 3;
    double c = 1 / StrictMath.sqrt(9 * d);
    while (true) {
      double x = random.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (StrictMath.log(u) < 0.5 * x * x + d - d * v + d * StrictMath.log(v)) {
        return boost * d * v * scale;
      }
    }
  }
}
