package org.mloop.serving.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.serving.protocol.TestModel.*;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Broken bodies get a ScoringException (400/413/415 with a message) or decode to valid rows; never anything else. */
class FuzzTest {
  static final String NOISE = "{}[]\",:0123456789.-+eEaNIn \n\\tfu";

  @ParameterizedTest(name = "{0}")
  @EnumSource(Format.class)
  void everyTruncationIsRefusedCleanly(Format f) {
    byte[] body = utf8(f.body(ROWS.subList(0, 3)));
    for (int n = 0; n < body.length; n++) {
      check(f, java.util.Arrays.copyOf(body, n));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Format.class)
  void randomCorruptionIsRefusedCleanly(Format f) {
    byte[] body = utf8(f.body(ROWS.subList(0, 3)));
    Random random = new Random(f.ordinal());
    for (int i = 0; i < 800; i++) {
      byte[] broken = body.clone();
      for (int k = 1 + random.nextInt(3); k > 0; k--) {
        broken[random.nextInt(broken.length)] = (byte) NOISE.charAt(random.nextInt(NOISE.length()));
      }
      check(f, broken);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Format.class)
  void oddShapesAndHugeNumbersAreRefusedCleanly(Format f) {
    String good = f.body(ROWS.subList(0, 2));
    String[] bodies = {
        "[" + good + "]", "{\"x\": " + good + "}", "null", "42", "\"text\"", "[]", "{}", " ", "\uFEFF" + good,
        good.replace("[[", "[[[").replace("]]", "]]]"), good.replace("[[", "[{").replace("]]", "}]"),
        good.replaceFirst("\\d+", "1" + "0".repeat(2_000)), good.replaceFirst("\\d+", "1e99999"),
        good.replaceFirst("\\d+", "-0.0000000000000000000000001"), good.replaceFirst("\\d+", "99999999999999999999999"),
        "[".repeat(5_000), "{\"a\":".repeat(3_000), good + good, good.replace("\"", "'"), good.replace(",", ";"),
        new String(new byte[] {(byte) 0xC3, (byte) 0x28, 0x7B}, java.nio.charset.StandardCharsets.ISO_8859_1),
        "{\"inputs\": {\"Pregnancies\": [], \"Age\": [1, 2, 3]}}", "{\"inputs\": {\"Age\": []}}",
        "{\"inputs\": [{\"name\": \"Age\", \"shape\": [0], \"datatype\": \"INT64\", \"data\": []}]}",
        "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 99999999999], \"datatype\": \"FP64\", \"data\": [1]}]}",
        "Pregnancies\n\n  \n", "\n\n", "\"Age\nBMI", "Age,BMI\n1,\"2\n",
    };
    for (String body : bodies) {
      check(f, body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }
  }

  static final String[] AZURE = {"input_data"};
  static final String[] SPLIT = {"dataframe_split"};
  static final String[] LISTS = {"instances", "inputs"};

  /** Whatever the fast reader accepts, the full reader accepts with the same rows, bit for bit. */
  static void checkFastPathAgrees(Format f, byte[] body) {
    if (f.contentType.startsWith("text/csv") || f.protocol == Protocol.OPEN_INFERENCE_V2) {
      return;
    }
    InputLayout layout = InputLayout.of(SIGNATURE);
    boolean azure = f.protocol == Protocol.AZURE_SCORE;
    double[][] fast;
    try {
      fast = azure ? FastRows.read(body, layout, ScoringLimits.DEFAULT, AZURE, AZURE)
          : FastRows.read(body, layout, ScoringLimits.DEFAULT, SPLIT, LISTS);
    } catch (RuntimeException e) {
      throw new AssertionError("fast reader threw " + e + " for: " + new String(body, java.nio.charset.StandardCharsets.ISO_8859_1), e);
    }
    if (fast == null) {
      return;
    }
    fastAccepted++;
    double[][] full = azure ? AzureScoreCodec.readFully(body, layout, ScoringLimits.DEFAULT)
        : MlflowInvocationsCodec.readFully(body, layout, ScoringLimits.DEFAULT);
    assertThat(java.util.Arrays.deepEquals(fast, full)).as("same rows for %s", new String(body)).isTrue();
  }

  static int fastAccepted;

  @org.junit.jupiter.api.AfterAll
  static void theFastReaderWasCompared() {
    assertThat(fastAccepted).as("bodies the fast reader accepted and the full reader checked").isGreaterThan(100);
  }

  static void check(Format f, byte[] body) {
    checkFastPathAgrees(f, body);
    try {
      ScoringInput input = f.protocol.codec().decode(SIGNATURE, f.contentType, body, ScoringLimits.DEFAULT);
      assertThat(input.size()).isPositive();
      for (double[] row : input.rows()) {
        assertThat(row).hasSize(COLUMNS.size());
        assertThat(java.util.Arrays.stream(row).allMatch(Double::isFinite)).as("finite values").isTrue();
      }
    } catch (ScoringException e) {
      assertThat(e.status()).isIn(400, 413, 415);
      assertThat(e.getMessage()).isNotBlank();
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError(f + " threw " + e + " for: " + new String(body, java.nio.charset.StandardCharsets.ISO_8859_1), e);
    }
  }
}
