package org.mloop.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.files.FolderUse;
import org.mloop.core.jobs.JobRunner;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.jobs.ExecutorClassArchive;
import org.mloop.jobs.JobLogReader;
import org.mloop.jobs.JobReaper;
import org.mloop.jobs.JobScratch;
import org.mloop.jobs.LocalProcessJobRunner;
import org.mloop.monitor.Monitoring;
import org.mloop.runtime.RuntimeModelEvaluator;
import org.mloop.store.ArtifactLeftovers;
import org.mloop.store.ArtifactStores;
import org.mloop.store.MetadataStores;
import org.mloop.store.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires an embedded workspace from its directory: the metadata store its workspace.yaml names (its
 * secrets encrypted with the workspace key file DIR/workspace.key, also for PostgreSQL), the artifact
 * folder, a job runner, the monitoring engine and the champion gate's model evaluator. Jobs whose executor died are marked Failed on every open, so no
 * command ever shows a job stuck Running; what crashed processes left half-written in the artifact
 * store is removed (see ArtifactLeftovers), and the workspace holds the store's use until it closes.
 */
public final class LocalWorkspaces {
  private static final Logger LOG = LoggerFactory.getLogger(LocalWorkspaces.class);
  /** JVM options of job executors; see {@link #executorProcesses}. */
  /** Where scoring hosts keep model files, relative to the workspace directory (see RegistryService#modelDirectory). */
  public static final String MODEL_CACHE = "cache/models";
  static final List<String> EXECUTOR_JVM_OPTIONS = List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private LocalWorkspaces() {}

  /** The workspace with jobs run by detached `mloop job execute` processes, as the CLI uses it. */
  public static LocalWorkspace open(Path dir) {
    return open(dir, metadata -> executorProcesses(dir, metadata));
  }

  /**
   * The runner that starts a new JVM for each job, doing what `mloop job execute --workspace DIR
   * NAME` does (through ExecutorMain, which skips building the whole command line). That JVM
   * mostly waits for its command, and every job waits for it to start: it compiles with C1 only
   * and uses the serial collector, which start faster and use less memory than the defaults
   * meant for long-running servers, and it maps its classes from a class-data sharing archive
   * kept in the workspace once the first job has made one (see ExecutorClassArchive).
   */
  public static LocalProcessJobRunner executorProcesses(Path dir, MetadataStore metadata) {
    JobScratch scratch = scratch(dir);
    List<String> args = List.of("--workspace", dir.toString());
    return new LocalProcessJobRunner(metadata, scratch, () -> {
      List<String> options = new ArrayList<>(EXECUTOR_JVM_OPTIONS);
      ExecutorClassArchive archive = ExecutorClassArchive.forClassPath(scratch.executorClassArchives(),
          EXECUTOR_JVM_OPTIONS, System.getProperty("java.class.path"));
      if (archive != null) {
        options.addAll(archive.jvmOptions());
      }
      return LocalProcessJobRunner.javaLauncher(ExecutorMain.class.getName(), options, args);
    });
  }

  /** The workspace with the given runner (null for a process that runs no jobs of its own). */
  public static LocalWorkspace open(Path dir, Function<MetadataStore, JobRunner> runner) {
    long begun = System.currentTimeMillis();
    WorkspaceConfig config = WorkspaceConfig.loadOrCreate(dir);
    long configured = System.currentTimeMillis();
    MetadataStore metadata = MetadataStores.open(config.jdbcUrl(dir), dir.resolve(SecretBox.FILE_NAME));
    FolderUse use = null;
    try {
      long stored = System.currentTimeMillis();
      ArtifactStore artifacts = ArtifactStores.open(config.artifactStoreUri(), dir);
      // Held until the workspace closes; removes what crashed processes left, if none is using the store.
      use = ArtifactLeftovers.enter(artifacts, metadata);
      JobScratch scratch = scratch(dir);
      new JobReaper(metadata, artifacts, scratch).reap();
      // Where a job executor's start goes (read by bench/JobOverheadBench).
      LOG.debug("workspace phases (epoch ms): open {} settings {} store {} reaped {}", begun, configured, stored,
          System.currentTimeMillis());
      return new LocalWorkspace(dir.toString(), metadata, artifacts, runner == null ? null : runner.apply(metadata),
          new JobLogReader(metadata.jobs(), artifacts, scratch), new Monitoring(), new RuntimeModelEvaluator())
          .closing(use);
    } catch (RuntimeException e) {
      metadata.close();
      if (use != null) {
        use.close();
      }
      throw e;
    }
  }

  /** Where executors keep working copies and live logs: DIR/jobs/NAME/ (see JobScratch). */
  public static JobScratch scratch(Path dir) {
    return new JobScratch(dir);
  }
}
