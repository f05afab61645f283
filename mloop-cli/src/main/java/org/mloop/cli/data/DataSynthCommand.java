package org.mloop.cli.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mloop.cli.Printer;
import org.mloop.cli.OutputOption;
import org.mloop.core.MloopException;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = "Write synthetic data: realistic diabetes patients with a non-linear label, deterministic per seed.",
    footer = {"", "Examples:",
        "  mloop data synth diabetes --rows 5000 --seed 1 --out data/dev",
        "  mloop data synth diabetes --rows 2000 --seed 7 --out data/drifted --shift PlasmaGlucose=+1.5sd"})
public final class DataSynthCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DATASET", description = "The kind of data; only 'diabetes' for now.")
  String dataset;

  @Option(names = "--rows", required = true, description = "Number of rows.")
  int rows;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, description = "Output folder; the CSV is written as OUT/diabetes.csv.")
  Path out;

  @Mixin OutputOption output;

  @Option(names = "--shift", paramLabel = "COLUMN=[+|-]Ksd",
      description = "Move a feature's distribution by K standard deviations, e.g. PlasmaGlucose=+1.5sd; repeatable.")
  List<String> shifts = List.of();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!"diabetes".equals(dataset)) {
      throw MloopException.invalid("unknown dataset '" + dataset + "': the synthesizer knows 'diabetes'");
    }
    if (rows < 1) {
      throw MloopException.invalid("--rows must be at least 1, got " + rows);
    }
    DiabetesSynthesizer synth = new DiabetesSynthesizer(seed);
    // The synthesizer is immutable: shift returns the shifted one.
    for (Map.Entry<String, Double> shift : parseShifts(shifts).entrySet()) {
      synth = synth.shift(shift.getKey(), shift.getValue());
    }
    Path file = out.resolve("diabetes.csv");
    Files.createDirectories(out);
    synth.write(file, rows);
    Printer.of(spec, output.json()).result(
        Map.of("file", file.toAbsolutePath().toString(), "rows", rows, "seed", seed, "shifts", shifts),
        "Wrote " + rows + " synthetic diabetes rows (seed " + seed
            + (shifts.isEmpty() ? "" : ", shifted " + String.join(", ", shifts)) + ") to " + file);
    return 0;
  }

  static Map<String, Double> parseShifts(List<String> specs) {
    Map<String, Double> parsed = new LinkedHashMap<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      String amount = eq < 0 ? "" : spec.substring(eq + 1).trim();
      if (amount.endsWith("sd")) {
        amount = amount.substring(0, amount.length() - 2);
      }
      try {
        if (eq <= 0) {
          throw new NumberFormatException();
        }
        parsed.put(spec.substring(0, eq).trim(), Double.parseDouble(amount));
      } catch (NumberFormatException e) {
        throw MloopException.invalid("bad --shift '" + spec + "': use COLUMN=+Ksd, e.g. PlasmaGlucose=+1.5sd");
      }
    }
    return parsed;
  }
}
