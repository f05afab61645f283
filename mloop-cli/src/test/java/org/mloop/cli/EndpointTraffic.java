package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Diabetes patients scored on an endpoint as a client application sends them: the features of a
 * data CSV (without PatientID and Diabetic) in one CSV request, with the true labels kept aside so a
 * test can post them later as ground truth.
 */
final class EndpointTraffic {
  private static final Pattern REQUEST_ID = Pattern.compile("request id (\\S+)");

  private EndpointTraffic() {}

  /** "correlation_id,row,label" lines, one per scored patient, in the labels file format. */
  record Scored(List<String> labels) {}

  /** Scores every patient of {@code dataCsv} on {@code endpoint} in one `mloop endpoint invoke` request. */
  static Scored score(Cli cli, String endpoint, Path dataCsv, Path requestFile) throws IOException {
    List<String> lines = Files.readAllLines(dataCsv);
    List<String> header = Arrays.asList(lines.get(0).split(","));
    int id = header.indexOf("PatientID");
    int truth = header.indexOf("Diabetic");
    assertThat(truth).as("Diabetic column in " + dataCsv).isNotNegative();
    StringBuilder request = new StringBuilder();
    List<String> truths = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (request.isEmpty()) {
        request.append(features(lines.get(0).split(","), id, truth)).append('\n');
      }
      String[] cells = line.split(",");
      request.append(features(cells, id, truth)).append('\n');
      truths.add(cells[truth]);
    }
    Files.writeString(requestFile, request);
    Cli.Result scored = cli.run("endpoint", "invoke", "--name", endpoint, "--request-file", requestFile.toString(),
        "--protocol", "invocations");
    assertThat(scored.exitCode()).as(scored.out() + scored.err()).isZero();
    Matcher m = REQUEST_ID.matcher(scored.err());
    assertThat(m.find()).as(scored.err()).isTrue();
    String correlationId = m.group(1);
    List<String> labels = new ArrayList<>();
    for (int row = 0; row < truths.size(); row++) {
      labels.add(correlationId + "," + row + "," + truths.get(row));
    }
    return new Scored(labels);
  }

  /** Writes the labels of {@code scored} as a `mloop monitor labels --file` CSV. */
  static Path labelsFile(Scored scored, Path file) throws IOException {
    Files.writeString(file, "correlation_id,row,label\n" + String.join("\n", scored.labels()) + "\n");
    return file;
  }

  private static String features(String[] cells, int id, int truth) {
    List<String> features = new ArrayList<>();
    for (int i = 0; i < cells.length; i++) {
      if (i != id && i != truth) {
        features.add(cells[i]);
      }
    }
    return String.join(",", features);
  }
}
