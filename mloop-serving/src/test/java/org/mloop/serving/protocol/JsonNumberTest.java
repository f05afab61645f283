package org.mloop.serving.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The decoders' own number reading gives exactly what Double.parseDouble gives. */
class JsonNumberTest {
  static double read(String literal) throws IOException {
    try (JsonParser p = JsonIo.FACTORY.createParser(("[" + literal + "]").getBytes())) {
      p.nextToken();
      p.nextToken();
      return JsonIo.number(p);
    }
  }

  @Test
  void edgeCases() throws IOException {
    String[] literals = {"0", "-0", "0.0", "-0.0", "1", "-1", "9007199254740992", "9007199254740993", "123456789012345678901",
        "0.1", "0.3", "43.5098", "1e22", "1e23", "1.7976931348623157e308", "4.9e-324", "2.5E-3", "1E+2", "-3.25e-7",
        "0.000000000000000000000001", "123.000000000000000000", "99999999999999999999999", "1e400", "-1e400", "NaN",
        "Infinity", "-Infinity", "0.6279999999999999", "179.99999999999997", "1e-22", "1e-23"};
    for (String literal : literals) {
      double expected = switch (literal) {
        case "NaN" -> Double.NaN;
        case "Infinity" -> Double.POSITIVE_INFINITY;
        case "-Infinity" -> Double.NEGATIVE_INFINITY;
        default -> Double.parseDouble(literal);
      };
      assertThat(Double.doubleToRawLongBits(read(literal))).as(literal).isEqualTo(Double.doubleToRawLongBits(expected));
    }
  }

  @Test
  void randomDecimalsReadExactly() throws IOException {
    Random random = new Random(5);
    for (int i = 0; i < 100_000; i++) {
      String literal = switch (i % 4) {
        case 0 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(12) - 4));
        case 1 -> Long.toString(random.nextLong() >> random.nextInt(63));
        case 2 -> (random.nextBoolean() ? "-" : "") + random.nextInt(100_000) + "." + digits(random, 1 + random.nextInt(18));
        default -> random.nextInt(1000) + "." + digits(random, random.nextInt(6) + 1) + "e" + (random.nextInt(60) - 30);
      };
      assertThat(read(literal)).as(literal).isEqualTo(Double.parseDouble(literal));
    }
  }

  @Test
  void csvNumbersReadExactlyOrAreLeftToTheFullReader() {
    Random random = new Random(9);
    String noise = "0123456789.-+eE x";
    for (int i = 0; i < 100_000; i++) {
      String literal = switch (i % 3) {
        case 0 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(12) - 4));
        case 1 -> (random.nextBoolean() ? "-" : "") + random.nextInt(100_000) + "." + digits(random, 1 + random.nextInt(18));
        default -> {
          StringBuilder b = new StringBuilder();
          for (int k = random.nextInt(8); k >= 0; k--) {
            b.append(noise.charAt(random.nextInt(noise.length())));
          }
          yield b.toString();
        }
      };
      double read = CsvRows.plainNumber("," + literal + ",", 1, literal.length() + 1);
      if (!Double.isNaN(read)) {
        assertThat(read).as(literal).isEqualTo(Double.parseDouble(literal));
      } else {
        assertThat(i % 3).as("a plain decimal refused: %s", literal).isEqualTo(2);
      }
    }
  }

  static String digits(Random random, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) ('0' + random.nextInt(10)));
    }
    return b.toString();
  }
}
