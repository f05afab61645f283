package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.ci.LocalCiArtifactService;

/** CI run artifacts in a file artifact store: two CI homes' run 1 stay apart, and a file over the limit is not kept. */
class LocalCiArtifactServiceTest {
  @TempDir Path dir;

  @Test
  void theSameRunNumberOfTwoCiHomesKeepsItsOwnArtifacts() {
    LocalCiArtifactService artifacts = new LocalCiArtifactService(new FileArtifactStore(dir));

    artifacts.write("project-aaaa1111", 1, "model", "w.txt", new ByteArrayInputStream("a".getBytes()));
    artifacts.write("other-bbbb2222", 1, "report", "r.txt", new ByteArrayInputStream("b".getBytes()));

    assertThat(artifacts.list("project-aaaa1111", 1)).containsExactly("model");
    assertThat(artifacts.list("other-bbbb2222", 1)).containsExactly("report");
  }

  @Test
  void aFileOverTheLimitIsRefusedNamingItAndLeavesNothing() {
    ArtifactStore store = new FileArtifactStore(dir);
    LocalCiArtifactService artifacts = new LocalCiArtifactService(store, 10);

    assertThatThrownBy(() -> artifacts.write("project-aaaa1111", 1, "model", "big.bin",
        new ByteArrayInputStream(new byte[11])))
        .hasMessageContaining("file 'big.bin' of artifact 'model' is over the limit of 10 bytes");
    artifacts.write("project-aaaa1111", 1, "model", "small.bin", new ByteArrayInputStream(new byte[10]));

    assertThat(store.exists("ci/project-aaaa1111/1/model/big.bin")).isFalse();
    assertThat(artifacts.listFiles("project-aaaa1111", 1, "model")).extracting(f -> f.path()).containsExactly("small.bin");
  }

  @Test
  void keysNamesAndRunNumbersThatCouldLeaveTheirFolderAreRefused() {
    LocalCiArtifactService artifacts = new LocalCiArtifactService(new FileArtifactStore(dir));

    assertThatThrownBy(() -> artifacts.list("../x", 1)).hasMessageContaining("CI key '../x'");
    assertThatThrownBy(() -> artifacts.listFiles("project-aaaa1111", 1, "..")).hasMessageContaining("artifact name '..'");
    assertThatThrownBy(() -> artifacts.list("project-aaaa1111", 0)).hasMessageContaining("CI run number 0");
  }
}
