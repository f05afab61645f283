package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.workspace.CiArtifacts;

/** CI run artifacts in a file artifact store: two CI homes' run 1 stay apart, and a file over the limit is not kept. */
class CiArtifactsTest {
  @TempDir Path dir;

  @Test
  void theSameRunNumberOfTwoCiHomesKeepsItsOwnArtifacts() {
    CiArtifacts artifacts = new CiArtifacts(new FileArtifactStore(dir));

    artifacts.write("project-aaaa1111", 1, "model", "w.txt", new ByteArrayInputStream("a".getBytes()));
    artifacts.write("other-bbbb2222", 1, "report", "r.txt", new ByteArrayInputStream("b".getBytes()));

    assertThat(artifacts.names("project-aaaa1111", 1)).containsExactly("model");
    assertThat(artifacts.names("other-bbbb2222", 1)).containsExactly("report");
  }

  @Test
  void aFileOverTheLimitIsRefusedNamingItAndLeavesNothing() {
    ArtifactStore store = new FileArtifactStore(dir);
    CiArtifacts artifacts = new CiArtifacts(store, 10);

    assertThatThrownBy(() -> artifacts.write("project-aaaa1111", 1, "model", "big.bin",
        new ByteArrayInputStream(new byte[11])))
        .hasMessageContaining("file 'big.bin' of artifact 'model' is over the limit of 10 bytes");
    artifacts.write("project-aaaa1111", 1, "model", "small.bin", new ByteArrayInputStream(new byte[10]));

    assertThat(store.exists("ci/project-aaaa1111/1/model/big.bin")).isFalse();
    assertThat(artifacts.files("project-aaaa1111", 1, "model")).extracting(f -> f.path()).containsExactly("small.bin");
  }

  @Test
  void keysNamesAndRunNumbersThatCouldLeaveTheirFolderAreRefused() {
    CiArtifacts artifacts = new CiArtifacts(new FileArtifactStore(dir));

    assertThatThrownBy(() -> artifacts.names("../x", 1)).hasMessageContaining("CI key '../x'");
    assertThatThrownBy(() -> artifacts.files("project-aaaa1111", 1, "..")).hasMessageContaining("artifact name '..'");
    assertThatThrownBy(() -> artifacts.names("project-aaaa1111", 0)).hasMessageContaining("CI run number 0");
  }
}
