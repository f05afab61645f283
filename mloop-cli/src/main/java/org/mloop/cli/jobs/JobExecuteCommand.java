package org.mloop.cli.jobs;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mloop.app.ExecutorProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The background process that runs one job of an embedded workspace (started by the workspace's job
 * runner, which launches {@link org.mloop.app.ExecutorMain} instead, skipping picocli): see
 * {@link ExecutorProcess}.
 */
@Command(name = "execute", hidden = true, description = "Run one Queued job in this process (internal).")
public final class JobExecuteCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NAME")
  String name;

  @Option(names = {"-w", "--workspace"}, required = true)
  Path workspace;

  @Override
  public Integer call() {
    return ExecutorProcess.execute(workspace, name);
  }
}
