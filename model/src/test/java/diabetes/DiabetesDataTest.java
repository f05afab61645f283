package diabetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.data.synth.DiabetesSynthesizer;

class DiabetesDataTest {
  private static final String HEADER = DiabetesSynthesizer.HEADER;

  @TempDir
  Path dir;

  @Test
  void readsTheEightFeaturesAndTheLabelAndDropsPatientId() throws IOException {
    Path csv = dir.resolve("d.csv");
    Files.writeString(csv, HEADER + "\n1354778,0,171,80,34,23,43.50972593,1.213191354,21,0\n"
        + "1883350,9,103,78,25,304,29.58219193,1.282869847,43,1\n");

    DiabetesData data = DiabetesData.load(csv);

    assertThat(data.size()).isEqualTo(2);
    assertThat(data.features()[0]).containsExactly(0, 171, 80, 34, 23, 43.50972593, 1.213191354, 21);
    assertThat(data.labels()).containsExactly(0, 1);
    assertThat(data.positives()).isEqualTo(1);
  }

  @Test
  void columnsAreFoundByNameWhateverTheirOrder() throws IOException {
    Path csv = dir.resolve("reordered.csv");
    Files.writeString(csv, "Diabetic,Age,DiabetesPedigree,BMI,SerumInsulin,TricepsThickness,DiastolicBloodPressure,"
        + "PlasmaGlucose,Pregnancies\n1,43,1.28,29.5,304,25,78,103,9\n");

    DiabetesData data = DiabetesData.load(csv);

    assertThat(data.features()[0]).containsExactly(9, 103, 78, 25, 304, 29.5, 1.28, 43);
    assertThat(data.labels()).containsExactly(1);
  }

  @Test
  void aMissingColumnIsNamedWithTheFile() throws IOException {
    Path csv = dir.resolve("no-age.csv");
    Files.writeString(csv, HEADER.replace(",Age", "") + "\n1,0,171,80,34,23,43.5,1.2,0\n");

    assertThatThrownBy(() -> DiabetesData.load(csv))
        .isInstanceOf(InputError.class)
        .hasMessageContaining("no-age.csv")
        .hasMessageContaining("no column 'Age'");
  }

  @Test
  void aValueThatIsNotANumberIsNamedWithFileLineAndColumn() throws IOException {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, HEADER + "\n1,0,171,80,34,23,43.5,1.2,21,0\n2,0,171,80,34,23,fat,1.2,21,0\n");

    assertThatThrownBy(() -> DiabetesData.load(csv))
        .isInstanceOf(InputError.class)
        .hasMessageContaining("bad.csv line 3, column BMI: 'fat' is not a number");
  }

  @Test
  void aLabelOtherThanZeroOrOneIsRejected() throws IOException {
    Path csv = dir.resolve("label.csv");
    Files.writeString(csv, HEADER + "\n1,0,171,80,34,23,43.5,1.2,21,yes\n");

    assertThatThrownBy(() -> DiabetesData.load(csv))
        .isInstanceOf(InputError.class)
        .hasMessageContaining("column Diabetic: 'yes' is not a label");
  }

  @Test
  void theSplitIsSeventyThirtyAndRepeatable() throws IOException {
    Path csv = dir.resolve("synthetic.csv");
    new DiabetesSynthesizer(1).write(csv, 1_000);
    DiabetesData data = DiabetesData.load(csv);

    DiabetesData.Split first = data.split(0.7, 0);
    DiabetesData.Split again = data.split(0.7, 0);
    DiabetesData.Split other = data.split(0.7, 1);

    assertThat(first.train().size()).isEqualTo(700);
    assertThat(first.test().size()).isEqualTo(300);
    assertThat(first.test().features()).isEqualTo(again.test().features());
    assertThat(first.test().features()).isNotEqualTo(other.test().features());
  }
}
