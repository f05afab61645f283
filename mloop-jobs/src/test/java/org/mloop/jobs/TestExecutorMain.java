package org.mloop.jobs;

import java.nio.file.Path;
import org.mloop.core.store.MetadataStore;
import org.mloop.store.FileArtifactStore;
import org.mloop.store.MetadataStores;

/**
 * A separate executor process, as the CLI starts one: {@code DB_URL ARTIFACT_ROOT SCRATCH_ROOT
 * JOB_NAME}. Used to test what happens when an executor is killed.
 */
public final class TestExecutorMain {
  public static void main(String[] args) {
    try (MetadataStore store = MetadataStores.open(args[0])) {
      JobExecutor executor = new JobExecutor(store, new FileArtifactStore(Path.of(args[1])),
          new JobScratch(Path.of(args[2])), JobTestbed.TRACKING_URI, JobTestbed.TOKEN);
      System.out.println("executed: " + executor.execute(args[3]).status());
    }
  }
}
