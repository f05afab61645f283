package org.mloop.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.jobs.JobRunner;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.jobs.JobLogReader;
import org.mloop.jobs.JobReaper;
import org.mloop.jobs.JobScratch;
import org.mloop.jobs.LocalProcessJobRunner;
import org.mloop.store.FileArtifactStore;
import org.mloop.store.MetadataStores;

/**
 * Wires an embedded workspace from its directory: the metadata store its workspace.yaml names, the
 * artifact folder, and a job runner. Jobs whose executor died are marked Failed on every open, so no
 * command ever shows a job stuck Running.
 */
public final class LocalWorkspaces {
  private LocalWorkspaces() {}

  /** The workspace with jobs run by detached `mloop job execute` processes, as the CLI uses it. */
  public static LocalWorkspace open(Path dir) {
    return open(dir, (metadata) -> new LocalProcessJobRunner(metadata, scratch(dir),
        LocalProcessJobRunner.javaLauncher("org.mloop.cli.Main", List.of("-Xmx1g"),
            List.of("job", "execute", "--workspace", dir.toString()))));
  }

  /** The workspace with the given runner (null for a process that runs no jobs of its own). */
  public static LocalWorkspace open(Path dir, Function<MetadataStore, JobRunner> runner) {
    WorkspaceConfig config = WorkspaceConfig.loadOrCreate(dir);
    MetadataStore metadata = MetadataStores.open(config.jdbcUrl(dir));
    try {
      ArtifactStore artifacts = new FileArtifactStore(config.artifactDirectory(dir));
      JobScratch scratch = scratch(dir);
      new JobReaper(metadata, artifacts, scratch).reap();
      return new LocalWorkspace(dir.toString(), metadata, artifacts, runner == null ? null : runner.apply(metadata),
          new JobLogReader(metadata, artifacts, scratch));
    } catch (RuntimeException e) {
      metadata.close();
      throw e;
    }
  }

  /** Where executors keep working copies and live logs: DIR/jobs/NAME/ (see JobScratch). */
  public static JobScratch scratch(Path dir) {
    return new JobScratch(dir);
  }
}
