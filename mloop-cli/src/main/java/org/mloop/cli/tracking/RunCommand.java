package org.mloop.cli.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.MloopException;
import org.mloop.core.tracking.Experiment;
import org.mloop.core.tracking.Page;
import org.mloop.core.tracking.Run;
import org.mloop.core.tracking.RunSearch;
import org.mloop.core.tracking.ViewType;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** mloop run: tracked runs, searched with MLflow's filter syntax. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Search tracked runs with MLflow's filter syntax.",
    subcommands = {RunCommand.Search.class},
    footer = {"", "Example:", "  mloop run search --experiment diabetes-training --filter \"metrics.AUC > 0.8\""})
public final class RunCommand {

  @Command(name = "search", mixinStandardHelpOptions = true,
      description = "List an experiment's runs that match a filter, best first by --order-by.",
      footer = {"", "Example:",
          "  mloop run search --experiment diabetes-training --filter \"params.reg_rate = '0.01'\" --order-by \"metrics.AUC DESC\""})
  static final class Search extends WorkspaceCommand {
    @Option(names = "--experiment", defaultValue = "Default", description = "Experiment name (default: ${DEFAULT-VALUE}).")
    String experiment;

    @Option(names = "--filter", description = "MLflow filter, e.g. \"metrics.AUC > 0.8 AND tags.mloop.job.name LIKE 'x%'\".")
    String filter;

    @Option(names = "--order-by", description = "e.g. \"metrics.AUC DESC\"; repeatable.")
    List<String> orderBy = new ArrayList<>();

    @Option(names = "--max-results", defaultValue = "100", description = "Default: ${DEFAULT-VALUE}.")
    int maxResults;

    @Override
    protected int run(Workspace ws, Printer out) {
      Experiment exp = ws.tracking().getExperimentByName(experiment)
          .orElseThrow(() -> MloopException.notFound("experiment '" + experiment + "' not found"));
      Page<Run> page = ws.tracking().searchRuns(new RunSearch(List.of(exp.experimentId()), filter, ViewType.ACTIVE_ONLY,
          maxResults, orderBy, null));
      out.result(page.items(), () -> {
        out.table(List.of("RUN", "NAME", "STATUS", "STARTED", "ACCURACY", "AUC"), page.items().stream()
            .map(r -> List.of(r.info().runId(), r.info().runName(), r.info().status().name(),
                Instant.ofEpochMilli(r.info().startTime()).toString(), metric(r, "Accuracy"), metric(r, "AUC")))
            .toList());
      });
      return 0;
    }

    private static String metric(Run run, String key) {
      Double v = run.data().metric(key);
      return v == null ? "-" : String.format("%.4f", v);
    }
  }
}
