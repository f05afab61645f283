package org.mloop.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mloop.core.MloopException;

/** The one CSV reader: what a data asset, a baseline or a labels file may look like, and how bad ones are refused. */
class CsvReaderTest {
  private static List<String> rows(String text) throws IOException {
    CsvReader csv = CsvReader.open(new StringReader(text), "data.csv");
    List<String> seen = new ArrayList<>();
    seen.add("header:" + String.join("|", csv.header()));
    csv.rows((cells, line) -> seen.add(line + ":" + String.join("|", cells)));
    return seen;
  }

  @Test
  void theHeaderIsTrimmedAndLosesAByteOrderMarkAndBlankLinesAreSkipped() throws IOException {
    assertThat(rows("\uFEFFAge , BMI\n30,22.5\n\n   \n41, 30.1\n"))
        .containsExactly("header:Age|BMI", "2:30|22.5", "5:41| 30.1");
  }

  @Test
  void quotedFieldsMayHoldCommasQuotesAndLineBreaksAndLinesMayEndInCrLf() throws IOException {
    String text = "\uFEFF\"PatientID\",\"Notes\",\"PlasmaGlucose\"\r\n"
        + "\"1\",\"fasting, \"\"borderline\"\"\",\"148\"\r\n"
        + "2,\"two\r\nlines\",85\r\n"
        + "3,,\"\"\r\n";
    assertThat(rows(text)).containsExactly("header:PatientID|Notes|PlasmaGlucose",
        "2:1|fasting, \"borderline\"|148", "3:2|two\r\nlines|85", "5:3||");
  }

  @Test
  void aQuotedHeaderNameWithABomBeforeItsQuoteIsReadAsTheName() throws IOException {
    CsvReader csv = CsvReader.open(new StringReader("\uFEFF\"a\",b\n1,2\n"), "data.csv");
    assertThat(csv.header()).containsExactly("a", "b");
  }

  @Test
  void aRowOfTheWrongWidthIsRefusedWithItsLine() {
    assertThatThrownBy(() -> rows("a,b\n1,2\n3\n"))
        .isInstanceOf(MloopException.class)
        .hasMessage("data.csv, line 3: 1 values but the header has 2 columns");
    assertThatThrownBy(() -> rows("a,b\n1,\"2,x\",3\n"))
        .hasMessage("data.csv, line 2: 3 values but the header has 2 columns");
  }

  @Test
  void anEmptyDocumentSaysSo() {
    assertThatThrownBy(() -> rows("")).hasMessage("data.csv is empty: expected a header row");
    assertThatThrownBy(() -> rows("\uFEFF\n  \n")).hasMessage("data.csv is empty: expected a header row");
  }

  @Test
  void aQuoteThatIsNeverClosedIsRefusedAtTheLineItOpensRatherThanSwallowingTheRest() {
    assertThatThrownBy(() -> rows("a,b\n1,2\n3,\"open\n4,5\n"))
        .hasMessage("data.csv, line 3: a quoted value has no closing quote");
  }

  @Test
  void textAfterAClosingQuoteIsRefusedNamingTheLine() {
    assertThatThrownBy(() -> rows("a,b\n1,2\n3,\"x\"y\n"))
        .hasMessageStartingWith("data.csv, line 3: unexpected character after closing quote")
        .hasMessageContaining("write \"\" for a quote inside it");
  }

  @Test
  void aHeaderWithoutRowsHasNoRows() throws IOException {
    assertThat(rows("a,b\r\n")).containsExactly("header:a|b");
  }
}
