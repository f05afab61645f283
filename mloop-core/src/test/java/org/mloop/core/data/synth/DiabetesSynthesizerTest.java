package org.mloop.core.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;

class DiabetesSynthesizerTest {
  private static final int SAMPLE = 20_000;

  @TempDir
  Path dir;

  @Test
  void writesTheExactHeaderOfTheRealData() throws IOException {
    Path csv = dir.resolve("synthetic.csv");
    new DiabetesSynthesizer(1).write(csv, 5);

    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo(
        "PatientID,Pregnancies,PlasmaGlucose,DiastolicBloodPressure,TricepsThickness,SerumInsulin,BMI,DiabetesPedigree,Age,Diabetic");
    assertThat(lines).hasSize(6);
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedOtherRows() throws IOException {
    Path first = dir.resolve("a.csv");
    Path second = dir.resolve("b.csv");
    Path other = dir.resolve("c.csv");
    new DiabetesSynthesizer(42).write(first, 2_000);
    new DiabetesSynthesizer(42).write(second, 2_000);
    new DiabetesSynthesizer(43).write(other, 2_000);

    assertThat(Files.mismatch(first, second)).isEqualTo(-1L);
    assertThat(Files.mismatch(first, other)).isNotEqualTo(-1L);
  }

  @Test
  void theOutputOfASeedIsStableAcrossVersions() throws IOException {
    // Files made from a seed are reproducible data sets: changing the draw order or the
    // distributions changes them all, and must be a deliberate decision (update this test).
    Path csv = dir.resolve("seed42.csv");
    new DiabetesSynthesizer(42).write(csv, 3);

    assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8)).containsExactly(
        DiabetesSynthesizer.HEADER,
        "1431130,0,84,73,8,145,48.14660044,0.636457005,21,0",
        "1835212,0,65,75,10,89,35.70032250,0.440982268,60,0",
        "1427573,2,144,72,7,78,30.47464352,0.116248276,23,1");
  }

  @Test
  void rowsInMemoryAreTheRowsOfTheFile() throws IOException {
    Path csv = dir.resolve("rows.csv");
    DiabetesSynthesizer synthesizer = new DiabetesSynthesizer(7).shift("BMI", 0.5);
    synthesizer.write(csv, 300);

    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<String> fromRows = synthesizer.rows(300).stream().map(PatientRow::toCsvLine).toList();
    assertThat(lines.subList(1, lines.size())).isEqualTo(fromRows);
  }

  @Test
  void printsIntegerColumnsAsIntegersAndOnlyBmiAndPedigreeWithDecimals() throws IOException {
    Path csv = dir.resolve("format.csv");
    new DiabetesSynthesizer(3).shift("Age", 0.7).shift("DiabetesPedigree", -0.3).write(csv, 2_000);

    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      assertThat(cells).as(line).hasSize(10);
      for (int i = 0; i < cells.length; i++) {
        if (i == 6 || i == 7) {
          assertThat(cells[i]).as("column %d of %s", i, line).matches("\\d+\\.\\d{8,9}");
        } else {
          assertThat(cells[i]).as("column %d of %s", i, line).matches("\\d+");
        }
      }
      assertThat(cells[9]).isIn("0", "1");
    }
  }

  @Test
  void columnMeansAndSpreadsAreCloseToTheRealProductionData() {
    List<PatientRow> rows = new DiabetesSynthesizer(11).rows(SAMPLE);

    for (DiabetesFeature feature : DiabetesFeature.values()) {
      double[] values = rows.stream().mapToDouble(r -> r.feature(feature)).toArray();
      assertThat(mean(values)).as("mean of %s", feature.column())
          .isCloseTo(feature.referenceMean(), within(0.08 * feature.referenceStd()));
      assertThat(std(values)).as("std of %s", feature.column())
          .isCloseTo(feature.referenceStd(), within(0.1 * feature.referenceStd()));
    }
  }

  @Test
  void valuesStayWithinTheRealDataRange() {
    List<PatientRow> rows = new DiabetesSynthesizer(12).rows(SAMPLE);

    assertThat(rows).allSatisfy(r -> {
      assertThat(r.pregnancies()).isBetween(0, 14);
      assertThat(r.plasmaGlucose()).isBetween(44, 192);
      assertThat(r.diastolicBloodPressure()).isBetween(24, 117);
      assertThat(r.tricepsThickness()).isBetween(7, 92);
      assertThat(r.serumInsulin()).isBetween(14, 796);
      assertThat(r.bmi()).isBetween(18.2, 56.04);
      assertThat(r.diabetesPedigree()).isBetween(0.078, 2.302);
      assertThat(r.age()).isBetween(21, 77);
      assertThat(r.patientId()).isBetween(1_000_000, 1_999_999);
    });
  }

  @Test
  void skewedColumnsAreSkewedLikeTheRealData() {
    List<PatientRow> rows = new DiabetesSynthesizer(13).rows(SAMPLE);

    // Real medians: SerumInsulin 85 (mean 139), Age 24 (mean 30), Pregnancies 2 (mean 3.3).
    assertThat(median(rows.stream().mapToDouble(PatientRow::serumInsulin).toArray())).isBetween(70.0, 110.0);
    assertThat(median(rows.stream().mapToDouble(PatientRow::age).toArray())).isBetween(22.0, 26.0);
    assertThat(median(rows.stream().mapToDouble(PatientRow::pregnancies).toArray())).isBetween(1.0, 3.0);
    assertThat(rows.stream().filter(r -> r.pregnancies() == 0).count()).isBetween(5_000L, 6_600L);
  }

  @Test
  void aboutOneThirdOfPatientsAreDiabetic() {
    for (long seed : new long[] {1, 2, 3}) {
      double rate = new DiabetesSynthesizer(seed).rows(SAMPLE).stream().mapToInt(PatientRow::diabetic).average().orElseThrow();
      assertThat(rate).as("positive rate for seed %d", seed).isBetween(0.31, 0.36);
    }
  }

  @Test
  void aShiftMovesTheMeanByAboutKStandardDeviations() {
    double baseline = meanOf(new DiabetesSynthesizer(5), DiabetesFeature.PLASMA_GLUCOSE);
    double shifted = meanOf(new DiabetesSynthesizer(5).shift("PlasmaGlucose", 1.5), DiabetesFeature.PLASMA_GLUCOSE);
    double sd = DiabetesFeature.PLASMA_GLUCOSE.referenceStd();
    assertThat((shifted - baseline) / sd).isCloseTo(1.5, within(0.1));

    double ageBaseline = meanOf(new DiabetesSynthesizer(5), DiabetesFeature.AGE);
    double ageShifted = meanOf(new DiabetesSynthesizer(5).shift("Age", 1.0), DiabetesFeature.AGE);
    assertThat((ageShifted - ageBaseline) / DiabetesFeature.AGE.referenceStd()).isCloseTo(1.0, within(0.1));
  }

  @Test
  void aShiftLeavesTheOtherColumnsAndThePatientsAlone() {
    List<PatientRow> baseline = new DiabetesSynthesizer(9).rows(500);
    List<PatientRow> shifted = new DiabetesSynthesizer(9).shift("SerumInsulin", 2).rows(500);

    for (int i = 0; i < baseline.size(); i++) {
      assertThat(shifted.get(i).patientId()).isEqualTo(baseline.get(i).patientId());
      assertThat(shifted.get(i).plasmaGlucose()).isEqualTo(baseline.get(i).plasmaGlucose());
      assertThat(shifted.get(i).bmi()).isEqualTo(baseline.get(i).bmi());
      assertThat(shifted.get(i).serumInsulin()).isGreaterThanOrEqualTo(baseline.get(i).serumInsulin());
      assertThat(shifted.get(i).serumInsulin()).isLessThanOrEqualTo(1000);
    }
  }

  @Test
  void shiftedValuesAreClampedToPlausibleLimits() {
    List<PatientRow> rows = new DiabetesSynthesizer(4).shift("BMI", 10).shift("Pregnancies", -5).rows(1_000);

    assertThat(rows).allSatisfy(r -> {
      assertThat(r.bmi()).isEqualTo(70.0);
      assertThat(r.pregnancies()).isZero();
    });
  }

  @Test
  void anUnknownColumnIsRejectedNamingTheValidOnes() {
    DiabetesSynthesizer synthesizer = new DiabetesSynthesizer(1);

    assertThatThrownBy(() -> synthesizer.shift("Glucose", 1.0))
        .isInstanceOf(MloopException.class)
        .satisfies(e -> assertThat(((MloopException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessageContaining("'Glucose'")
        .hasMessageContaining("Pregnancies, PlasmaGlucose, DiastolicBloodPressure, TricepsThickness, SerumInsulin, "
            + "BMI, DiabetesPedigree, Age");
    assertThatThrownBy(() -> synthesizer.shift("Diabetic", 1.0)).hasMessageContaining("'Diabetic'");
    assertThatThrownBy(() -> synthesizer.shift("PatientID", 1.0)).hasMessageContaining("'PatientID'");
    assertThatThrownBy(() -> synthesizer.shift("BMI", Double.NaN)).hasMessageContaining("finite");
  }

  @Test
  void aNegativeRowCountIsRejected() {
    assertThatThrownBy(() -> new DiabetesSynthesizer(1).rows(-1)).hasMessageContaining("-1");
  }

  private static double meanOf(DiabetesSynthesizer synthesizer, DiabetesFeature feature) {
    return mean(synthesizer.rows(SAMPLE).stream().mapToDouble(r -> r.feature(feature)).toArray());
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double std(double[] values) {
    double mean = mean(values);
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / values.length);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
