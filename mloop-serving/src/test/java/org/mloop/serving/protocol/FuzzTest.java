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
    for (int i = 0; i < 1_500; i++) {
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
    };
    for (String body : bodies) {
      check(f, body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }
  }

  static void check(Format f, byte[] body) {
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
