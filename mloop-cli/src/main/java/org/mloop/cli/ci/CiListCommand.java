package org.mloop.cli.ci;

import java.util.List;
import java.util.concurrent.Callable;
import org.mloop.ci.runner.RunRecord;
import org.mloop.cli.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the CI runs of a repository, newest first.",
    footer = {"", "Examples:", "  mloop ci list", "  mloop ci list --repo /srv/git/project.git --output json"})
public final class CiListCommand implements Callable<Integer> {
  @Mixin CiOptions options;

  @Option(names = "--limit", defaultValue = "20", description = "At most this many runs (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    List<RunRecord> runs = options.runs().list().stream().limit(Math.max(limit, 0)).toList();
    Printer out = options.printer();
    out.result(runs, () -> {
      if (runs.isEmpty()) {
        out.line("No CI runs yet: mloop ci run --event push");
        return;
      }
      out.table(List.of("RUN", "WORKFLOW", "EVENT", "REF", "COMMIT", "STATE", "STARTED", "DURATION"),
          runs.stream().map(r -> java.util.Arrays.asList(Integer.toString(r.number()), r.workflowName(),
              r.event().name(), r.event().ref(), CiViews.shortSha(r.event().after()), CiViews.state(r),
              CiViews.time(r.startedAt() != null ? r.startedAt() : r.createdAt()),
              CiViews.seconds(r.startedAt(), r.endedAt()))).toList());
    });
    return 0;
  }
}
