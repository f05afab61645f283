package org.mloop.serving.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.endpoints.CollectedRecord;
import org.mloop.core.endpoints.CollectedRecords;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.store.FileArtifactStore;
import org.mloop.store.MetadataStores;

/** Collection through a real workspace: files land under collected/ENDPOINT/DEPLOYMENT/ and read back. */
class WorkspaceCollectionTest {
  @TempDir
  Path temp;
  MetadataStore metadata;
  LocalWorkspace workspace;

  @BeforeEach
  void open() {
    metadata = MetadataStores.openSqlite(temp.resolve("mloop.db"));
    workspace = new LocalWorkspace(temp.toString(), metadata, new FileArtifactStore(temp.resolve("artifacts")), null,
        null);
  }

  @AfterEach
  void close() {
    metadata.close();
  }

  @Test
  void twoReplicasWriteIntoOneDeploymentsFolderAndMonitoringReadsBoth() {
    try (RollingDataCollector a = new RollingDataCollector(workspace.endpoints()::writeCollectedData, "replica-a",
        RollingDataCollectorTest.NO_AGE_ROLL);
        RollingDataCollector b = new RollingDataCollector(workspace.endpoints()::writeCollectedData, "replica-b",
            RollingDataCollectorTest.NO_AGE_ROLL)) {
      // the same first timestamp on both replicas: their host ids keep the names apart
      a.offer(RollingDataCollectorTest.batch("from-a", RollingDataCollectorTest.T0, 2));
      b.offer(RollingDataCollectorTest.batch("from-b", RollingDataCollectorTest.T0, 3));
    }
    List<ArtifactFile> files = workspace.endpoints().listCollectedData("diabetes-prod", "blue");
    assertThat(files).extracting(ArtifactFile::path).containsExactly(
        "2026/11/26/15/replica-a-" + RollingDataCollectorTest.T0 + "-0.jsonl",
        "2026/11/26/15/replica-b-" + RollingDataCollectorTest.T0 + "-0.jsonl");
    assertThat(temp.resolve("artifacts/collected/diabetes-prod/blue").resolve(files.get(0).path())).isRegularFile();

    List<CollectedRecord> records = new ArrayList<>();
    CollectedRecords.of(workspace.endpoints(), "diabetes-prod", "blue").forEach(Instant.parse("2026-11-26T15:00:00Z"),
        Instant.parse("2026-11-26T16:00:00Z"), records::add);
    assertThat(records).extracting(CollectedRecord::correlationId)
        .containsExactlyInAnyOrder("from-a", "from-a", "from-b", "from-b", "from-b");
  }
}
