package diabetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFolderReaderTest {
  @TempDir
  Path dir;

  @Test
  void aMissingPathFailsNamingIt() {
    Path missing = dir.resolve("nope");

    assertThatThrownBy(() -> CsvFolderReader.read(missing))
        .isInstanceOf(InputError.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void aFolderWithoutCsvFilesFails() throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "index,first\n0,a\n");

    assertThatThrownBy(() -> CsvFolderReader.read(dir))
        .isInstanceOf(InputError.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("no *.csv files");
  }

  @Test
  void theFixturesFolderOfTwoFilesGivesTwentyRows() {
    Path fixtures = SharedData.file("diabetes/fixtures");

    CsvFolderReader.CsvTable table = CsvFolderReader.read(fixtures);

    assertThat(table.size()).isEqualTo(20);
    assertThat(table.columns()).containsExactly("index", "first", "last");
    assertThat(table.files()).extracting(p -> p.getFileName().toString()).containsExactly("first.csv", "second.csv");
  }

  @Test
  void aFolderIsReadInNameOrderAndOnlyItsCsvFiles() throws IOException {
    Files.writeString(dir.resolve("b.csv"), "id,name\n2,b\n");
    Files.writeString(dir.resolve("a.csv"), "id,name\n1,a\n");
    Files.writeString(dir.resolve("c.txt"), "id,name\n3,c\n");

    CsvFolderReader.CsvTable table = CsvFolderReader.read(dir);

    assertThat(table.rows()).extracting(r -> r[1]).containsExactly("a", "b");
  }

  @Test
  void aSingleFileIsReadOnItsOwn() throws IOException {
    Path file = dir.resolve("one.csv");
    Files.writeString(file, "id,name\n1,a\n\n2,\"b, \"\"quoted\"\"\"\n");

    CsvFolderReader.CsvTable table = CsvFolderReader.read(file);

    assertThat(table.size()).isEqualTo(2);
    assertThat(table.rows().get(1)).containsExactly("2", "b, \"quoted\"");
  }

  @Test
  void filesWithDifferentHeadersAreRejectedNamingBoth() throws IOException {
    Files.writeString(dir.resolve("a.csv"), "id,name\n1,a\n");
    Files.writeString(dir.resolve("b.csv"), "id,title\n2,b\n");

    assertThatThrownBy(() -> CsvFolderReader.read(dir))
        .isInstanceOf(InputError.class)
        .hasMessageContaining("b.csv")
        .hasMessageContaining("a.csv")
        .hasMessageContaining("id,title");
  }

  @Test
  void aRowWithTheWrongNumberOfValuesIsRejectedWithItsLine() throws IOException {
    Path file = dir.resolve("short.csv");
    Files.writeString(file, "id,name\n1,a\n2\n");

    assertThatThrownBy(() -> CsvFolderReader.read(file))
        .isInstanceOf(InputError.class)
        .hasMessageContaining("short.csv, line 3: 1 values but the header has 2 columns");
  }

  @Test
  void anEmptyFileIsRejected() throws IOException {
    Path file = dir.resolve("empty.csv");
    Files.writeString(file, "");

    assertThatThrownBy(() -> CsvFolderReader.read(file))
        .isInstanceOf(InputError.class)
        .hasMessageContaining("empty.csv is empty");
  }
}
