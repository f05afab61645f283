package org.mloop.cli.monitors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mloop.core.MloopException;
import org.mloop.core.json.Json;
import org.mloop.core.monitoring.GroundTruth;
import org.mloop.runtime.CsvReader;

/**
 * Reads ground truth from a file: CSV with a header naming {@code correlation_id}, {@code label} and
 * optionally {@code row} (the row's index in its request, 0 when absent), in any order (read with
 * the platform's {@link CsvReader}, so values may be quoted);
 * or JSON Lines, one {@code {"correlation_id": ..., "row": ..., "label": ...}} object a line. The
 * format is JSON Lines when the first non-blank character is '{'. Errors name the file and line.
 */
final class LabelsFile {
  static final String CORRELATION_ID = "correlation_id";
  static final String ROW = "row";
  static final String LABEL = "label";

  private LabelsFile() {}

  static List<GroundTruth> read(Path path) {
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8);
      String first = text.strip().replaceFirst("^\uFEFF", "").strip();
      if (first.isEmpty()) {
        throw MloopException.invalid(path + " is empty: expected a CSV header (correlation_id,row,label) or "
            + "JSON Lines");
      }
      List<GroundTruth> labels = first.startsWith("{") ? jsonLines(path.toString(), text.lines().toList())
          : csv(path.toString(), new StringReader(text));
      if (labels.isEmpty()) {
        throw MloopException.invalid(path + " has a header but no labels");
      }
      return labels;
    } catch (NoSuchFileException e) {
      throw MloopException.invalid("labels file " + path + " does not exist");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw MloopException.invalid("cannot read labels file " + path + ": " + e.getMessage());
    }
  }

  /** The CSV format, read with the platform's {@link CsvReader} (quoted values, CRLF and a byte order mark are fine). */
  static List<GroundTruth> csv(String file, Reader in) throws IOException {
    CsvReader csv = CsvReader.open(in, file);
    List<String> header = csv.header().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    int id = header.indexOf(CORRELATION_ID);
    int row = header.indexOf(ROW);
    int label = header.indexOf(LABEL);
    if (id < 0 || label < 0) {
      throw MloopException.invalid(at(file, csv.headerLine()) + "the header " + header + " must name "
          + CORRELATION_ID + " and " + LABEL + " (and optionally " + ROW + "), e.g. correlation_id,row,label");
    }
    List<GroundTruth> labels = new ArrayList<>();
    csv.rows((cells, line) -> labels.add(label(at(file, line), cells[id].strip(),
        row < 0 ? null : cells[row].strip(), cells[label].strip())));
    return labels;
  }

  /** "FILE:N: ", as errors in files given on the command line (job.yml, thresholds) start. */
  private static String at(String file, long line) {
    return file + ":" + line + ": ";
  }

  static List<GroundTruth> jsonLines(String file, List<String> lines) {
    List<GroundTruth> labels = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String at = at(file, i + 1);
      JsonNode node;
      try {
        node = Json.mapper().readTree(line);
      } catch (JsonProcessingException e) {
        throw MloopException.invalid(at + "not a JSON object: " + e.getOriginalMessage());
      }
      if (!node.isObject()) {
        throw MloopException.invalid(at + "expected one JSON object a line, e.g. "
            + "{\"correlation_id\": \"...\", \"row\": 0, \"label\": 1}");
      }
      JsonNode id = node.has(CORRELATION_ID) ? node.get(CORRELATION_ID) : node.get("correlationId");
      JsonNode row = node.get(ROW);
      JsonNode label = node.get(LABEL);
      labels.add(label(at, text(id), text(row), text(label)));
    }
    return labels;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static GroundTruth label(String at, String correlationId, String row, String label) {
    if (correlationId == null || correlationId.isEmpty()) {
      throw MloopException.invalid(at + CORRELATION_ID + " is missing: give the correlation id scoring returned "
          + "(the x-request-id response header)");
    }
    if (label == null || label.isEmpty()) {
      throw MloopException.invalid(at + LABEL + " is missing for correlation id " + correlationId);
    }
    int index = 0;
    if (row != null && !row.isEmpty()) {
      try {
        index = Integer.parseInt(row);
      } catch (NumberFormatException e) {
        index = -1;
      }
      if (index < 0) {
        throw MloopException.invalid(at + ROW + " must be the row's index in its request (0, 1, ...), got '" + row
            + "'");
      }
    }
    return new GroundTruth(correlationId, index, label);
  }
}
