package org.mloop.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvLinesTest {
  private static BufferedReader csv(String text) {
    return new BufferedReader(new StringReader(text));
  }

  @Test
  void theHeaderIsTrimmedAndLosesAByteOrderMarkAndBlankLinesAreSkipped() throws IOException {
    BufferedReader in = csv("\uFEFFAge , BMI\n30,22.5\n\n41, 30.1\n");
    assertThat(CsvLines.header(in, "data.csv")).containsExactly("Age", "BMI");
    List<String> seen = new ArrayList<>();
    CsvLines.rows(in, 2, "data.csv", (cells, line) -> seen.add(line + ":" + String.join("|", cells)));
    assertThat(seen).containsExactly("2:30|22.5", "4:41| 30.1");
  }

  @Test
  void aRowOfTheWrongWidthIsRefusedWithItsLineAndAnEmptyDocumentSaysSo() {
    assertThatThrownBy(() -> CsvLines.rows(csv("1,2\n3\n"), 2, "data.csv", (cells, line) -> { }))
        .hasMessage("data.csv, line 3: 1 values but the header has 2 columns");
    assertThatThrownBy(() -> CsvLines.header(csv(""), "data.csv")).hasMessageContaining("data.csv is empty");
  }
}
