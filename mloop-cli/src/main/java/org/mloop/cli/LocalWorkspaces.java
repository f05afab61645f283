package org.mloop.cli;

import java.nio.file.Path;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.jobs.JobRunner;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.jobs.JobLogReader;
import org.mloop.jobs.JobReaper;
import org.mloop.store.FileArtifactStore;
import org.mloop.store.MetadataStores;

/**
 * Wires an embedded workspace from its directory: the metadata store its workspace.yaml names, the
 * artifact folder, and a job runner. Jobs whose executor died are marked Failed on every open, so no
 * command ever shows a job stuck Running.
 */
public final class LocalWorkspaces {
  private LocalWorkspaces() {}

  public static LocalWorkspace open(Path dir, JobRunner runner) {
    WorkspaceConfig config = WorkspaceConfig.loadOrCreate(dir);
    MetadataStore metadata = MetadataStores.open(config.jdbcUrl(dir));
    try {
      ArtifactStore artifacts = new FileArtifactStore(config.artifactDirectory(dir));
      new JobReaper(metadata).reconcile();
      return new LocalWorkspace(dir.toString(), metadata, artifacts, runner,
          new JobLogReader(scratchDirectory(dir), artifacts));
    } catch (RuntimeException e) {
      metadata.close();
      throw e;
    }
  }

  /** Where executors keep working copies and live logs: DIR/jobs/NAME/. */
  public static Path scratchDirectory(Path dir) {
    return dir.resolve("jobs");
  }
}
