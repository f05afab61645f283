package org.mloop.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a starting process is a folder's only user (another process is covered in mloop-store's ArtifactLeftoversTest). */
class FolderUseTest {
  @TempDir Path dir;

  @Test
  void theFirstUseIsAloneLaterOnesInTheSameProcessAreNotUntilAllAreClosed() {
    List<Boolean> told = new ArrayList<>();
    Path lock = dir.resolve("store/.tmp/in-use.lock");
    try (FolderUse first = FolderUse.enter(lock, told::add)) {
      try (FolderUse second = FolderUse.enter(lock, told::add)) {
        assertThat(told).containsExactly(true, false);
      }
      try (FolderUse third = FolderUse.enter(lock, told::add)) {
        assertThat(told).containsExactly(true, false, false);
      }
    }
    try (FolderUse again = FolderUse.enter(lock, told::add)) {
      assertThat(told).containsExactly(true, false, false, true);
    }
    assertThat(lock).exists();
  }

  @Test
  void aFolderThisProcessMayOnlyReadIsUsedWithoutTidyingAnything() throws IOException {
    assumeThat(PrivateFiles.POSIX).isTrue();
    Path readOnly = Files.createDirectories(dir.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-x------"));
    assumeThat(Files.isWritable(readOnly)).as("not running as root").isFalse();
    List<Boolean> told = new ArrayList<>();
    try (FolderUse use = FolderUse.enter(readOnly.resolve("in-use.lock"), told::add)) {
      assertThat(told).isEmpty();
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwx------"));
    }
  }
}
