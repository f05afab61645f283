package org.mloop.cli.quickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mloop.cli.Folders;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceOptions;
import org.mloop.cli.jobs.JobFollower;
import org.mloop.cli.jobs.JobSubmissions;
import org.mloop.core.MloopException;
import org.mloop.core.data.DataAsset;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.tracking.Run;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The whole loop as it exists so far, on the embedded default: a workspace, synthetic dev and prod
 * data registered as data assets, and the diabetes training job run on each, as tracked jobs.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = "Run the loop end to end on synthetic data: workspace, data assets, a training job on dev and on prod.",
    footer = {"", "Example:", "  ./mloop quickstart"})
public final class QuickstartCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions workspace;

  @Option(names = "--job-file", description = "The training job (default: model/job.yml of this project).")
  Path jobFile;

  @Option(names = "--dev-rows", defaultValue = "5000", description = "Rows of dev data (default: ${DEFAULT-VALUE}).")
  int devRows;

  @Option(names = "--prod-rows", defaultValue = "10000", description = "Rows of prod data (default: ${DEFAULT-VALUE}).")
  int prodRows;

  @Override
  public Integer call() throws IOException {
    Path job = jobFile != null ? jobFile : projectDirectory().resolve("model/job.yml");
    if (!Files.isRegularFile(job)) {
      throw MloopException.invalid("job file " + job + " not found: run the quickstart from the project folder,"
          + " or pass --job-file");
    }
    Path data = Files.createTempDirectory("mloop-quickstart-");
    try (Workspace ws = workspace.open()) {
      System.out.println("== 1. Workspace: " + ws.location());

      System.out.println("== 2. Data: synthetic diabetes patients, registered as versioned data assets");
      new DiabetesSynthesizer(1).write(data.resolve("dev/diabetes.csv"), devRows);
      new DiabetesSynthesizer(2).write(data.resolve("prod/diabetes.csv"), prodRows);
      DataAsset dev = ws.createDataAsset("diabetes-dev-folder", data.resolve("dev"),
          "Synthetic diabetes data for development (" + devRows + " rows)", Map.of("source", "mloop data synth"));
      DataAsset prod = ws.createDataAsset("diabetes-prod-folder", data.resolve("prod"),
          "Synthetic diabetes data for production training (" + prodRows + " rows)", Map.of("source", "mloop data synth"));
      System.out.println("   " + dev.ref() + " (" + devRows + " rows), " + prod.ref() + " (" + prodRows + " rows)");

      System.out.println("== 3. Inner loop: train on dev, then on prod (" + job + ")");
      List<Job> jobs = new ArrayList<>();
      for (DataAsset asset : List.of(dev, prod)) {
        Job submitted = ws.createJob(JobSubmissions.fromFile(job, null,
            List.of("inputs.training_data=mloop:" + asset.name() + "@latest")));
        System.out.println("-- job " + submitted.name() + " on " + asset.ref());
        jobs.add(new JobFollower(ws, System.out).follow(submitted.name()));
      }

      System.out.println("== Runs");
      Printer out = new Printer(System.out, workspace.json());
      List<Map<String, Object>> summary = new ArrayList<>();
      List<List<String>> rows = new ArrayList<>();
      for (int i = 0; i < jobs.size(); i++) {
        Job j = jobs.get(i);
        Run run = ws.tracking().getRun(j.runId()).orElseThrow();
        String asset = i == 0 ? dev.ref() : prod.ref();
        Double accuracy = run.data().metric("Accuracy");
        Double auc = run.data().metric("AUC");
        rows.add(List.of(j.name(), asset, j.status().name(), j.runId(), format(accuracy), format(auc)));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("job", j.name());
        s.put("data", asset);
        s.put("status", j.status());
        s.put("run_id", j.runId());
        s.put("Accuracy", accuracy);
        s.put("AUC", auc);
        summary.add(s);
      }
      if (out.json()) {
        out.json(summary);
      } else {
        out.table(List.of("JOB", "DATA", "STATUS", "RUN", "ACCURACY", "AUC"), rows);
        out.line("");
        out.line("Next: `./mloop job show " + jobs.get(jobs.size() - 1).name() + "` for params, metrics, artifacts,"
            + " code snapshot and input versions.");
      }
      return jobs.stream().allMatch(j -> j.status() == JobStatus.Completed) ? 0 : 1;
    } finally {
      Folders.deleteTree(data);
    }
  }

  /** The project folder: $MLOOP_PROJECT_DIR (set by the ./mloop launcher), else the current folder. */
  static Path projectDirectory() {
    String dir = System.getenv("MLOOP_PROJECT_DIR");
    return Path.of(dir != null && !dir.isBlank() ? dir : ".").toAbsolutePath().normalize();
  }

  private static String format(Double v) {
    return v == null ? "-" : String.format("%.4f", v);
  }
}
