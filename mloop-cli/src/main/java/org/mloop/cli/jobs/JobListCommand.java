package org.mloop.cli.jobs;

import java.time.Instant;
import java.util.List;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobQuery;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List jobs, newest first.",
    footer = {"", "Example:", "  mloop job list --experiment diabetes-training --status Failed"})
public final class JobListCommand extends WorkspaceCommand {
  @Option(names = "--experiment", description = "Only this experiment's jobs.")
  String experiment;

  @Option(names = "--status", description = "Only jobs in this state: ${COMPLETION-CANDIDATES}.")
  JobStatus status;

  @Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  protected int run(Workspace ws, Printer out) {
    List<Job> jobs = ws.jobs().list(new JobQuery(experiment, status, limit));
    out.result(jobs, () -> {
      out.table(List.of("NAME", "STATUS", "EXPERIMENT", "DISPLAY NAME", "CREATED", "RUN"),
          jobs.stream().map(j -> List.of(j.name(), j.status().name(), j.experimentName(), j.displayName(),
              Instant.ofEpochMilli(j.createdAt()).toString(), j.runId())).toList());
    });
    return 0;
  }
}
