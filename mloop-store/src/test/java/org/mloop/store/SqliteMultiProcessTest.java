package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.data.DataAsset;
import org.mloop.core.store.MetadataStore;

/**
 * Three OS processes (this JVM and two children) open a new SQLite file at the same moment, so they
 * also race to create the schema, then log metric batches and create versions of one data asset.
 * Nothing may fail with SQLITE_BUSY and every write must be there afterwards.
 */
class SqliteMultiProcessTest {
  @TempDir
  Path dir;

  @Test
  void storesOpenedAtOnceOnANewFileMigrateItOnce() throws Exception {
    String url = MetadataStores.sqliteUrl(dir.resolve("fresh.db"));
    List<java.util.concurrent.Callable<String>> openers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      int n = i;
      openers.add(() -> {
        try (MetadataStore store = MetadataStores.open(url)) {
          return store.tracking().createExperiment("opened-" + n, null, null);
        }
      });
    }
    assertThat(MetadataStoreContract.runConcurrently(openers)).containsExactlyInAnyOrder("1", "2", "3", "4");
  }

  @Test
  void threeProcessesWriteOneFileWithoutBusyErrors() throws Exception {
    String url = MetadataStores.sqliteUrl(dir.resolve("shared.db"));
    int batches = 60;
    int assetVersions = 5;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> children = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      children.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          SqliteWriterMain.class.getName(), url, "" + batches, "" + assetVersions)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start());
    }
    List<String> runIds = new ArrayList<>();
    runIds.add(SqliteWriterMain.write(url, batches, assetVersions));
    for (Process child : children) {
      assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("child finished").isTrue();
      assertThat(child.exitValue()).as("child exit code").isZero();
      runIds.add(new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }

    try (MetadataStore store = MetadataStores.open(url)) {
      assertThat(runIds).hasSize(3).doesNotHaveDuplicates();
      for (String runId : runIds) {
        assertThat(store.tracking().getMetricHistory(runId, "loss")).hasSize(batches * 50);
        assertThat(store.tracking().getRun(runId).orElseThrow().data().params()).hasSize(batches);
      }
      assertThat(store.data().listDataAssetVersions("shared-asset")).extracting(DataAsset::version)
          .containsExactlyInAnyOrderElementsOf(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    }
  }
}
