package org.mloop.core.data.synth;

/**
 * The synthetic ground truth: how the label follows from the features.
 *
 * <p>The score is a sum of thresholds, bumps and interactions, on purpose: a linear model only sees
 * the monotone part of it (the steps in Pregnancies and Age, Pedigree) and reaches an AUC of about 0.85,
 * like the real data, while trees can also learn the glucose and blood-pressure bumps, the BMI band
 * and the two interactions (AUC about 0.98). Small logistic noise keeps the label from being a
 * pure function of the features. The threshold makes about one third of baseline patients positive.
 */
final class DiabetesRisk {
  /** Scale of the logistic noise added to the score; smaller means a more learnable label. */
  static final double NOISE_SCALE = 0.15;
  /** The 2/3 quantile of score + noise over baseline patients (calibrated on 2,000,000 rows). */
  static final double THRESHOLD = 3.99;

  private DiabetesRisk() {}

  static double score(int pregnancies, int glucose, int bloodPressure, int triceps, int insulin,
      double bmi, double pedigree, int age) {
    double score = 0;
    score += pregnancies >= 2 ? 2.2 : 0;                        // step
    score += age >= 35 ? 1.6 : 0;                               // step
    score += 1.6 * bump(glucose, 108, 14);                      // a band of risky glucose values...
    score += glucose >= 168 ? 1.4 : 0;                          // ...and a very high tail: U-shaped overall
    score += bmi >= 23 && bmi <= 34 ? 1.3 : 0;                  // band
    score += insulin > 200 && bmi > 38 ? 1.2 : 0;               // interaction
    score += 0.9 * bump(bloodPressure, 68, 10);                 // bump
    score += triceps >= 40 && pedigree >= 0.5 ? 0.9 : 0;        // interaction
    score += pedigree;                                          // linear
    return score;
  }

  /** The label for a score, given a uniform draw in (0, 1) for the noise. */
  static int label(double score, double uniform) {
    double noise = NOISE_SCALE * StrictMath.log(uniform / (1 - uniform));
    return score + noise > THRESHOLD ? 1 : 0;
  }

  private static double bump(double x, double center, double width) {
    double z = (x - center) / width;
    return StrictMath.exp(-z * z);
  }
}
