package org.mloop.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.FileSet;
import org.mloop.core.files.FolderFiles.Symlinks;

/** What mloop stores of a folder that holds symbolic links, pipes or unreadable entries: all it shows, or nothing. */
class FolderFilesTest {
  @TempDir Path temp;
  Path data;
  Path elsewhere;

  @BeforeEach
  void folders() throws IOException {
    data = Files.createDirectories(temp.resolve("data"));
    Files.writeString(data.resolve("part-0.csv"), "a,b\n1,2\n");
    Files.createDirectories(data.resolve("sub"));
    Files.writeString(data.resolve("sub/part-1.csv"), "a,b\n3,4\n");
    elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("big.csv"), "a,b\n5,6\n");
    Files.createDirectories(elsewhere.resolve("more"));
    Files.writeString(elsewhere.resolve("more/part-2.csv"), "a,b\n7,8\n");
  }

  @Test
  void aFolderWithoutLinksListsEveryRegularFileSortedWithSlashes() {
    assertThat(FolderFiles.list(data, "folder", Symlinks.REFUSE)).containsExactly("part-0.csv", "sub/part-1.csv");
    assertThat(FolderFiles.list(data, "folder", Symlinks.FOLLOW)).containsExactly("part-0.csv", "sub/part-1.csv");
  }

  @Test
  void byDefaultEveryLinkIsRefusedByNameWithItsTargetAndNothingIsListed() throws IOException {
    Files.createSymbolicLink(data.resolve("big.csv"), elsewhere.resolve("big.csv"));
    Files.createSymbolicLink(data.resolve("sub/more"), elsewhere.resolve("more"));
    Files.createSymbolicLink(data.resolve("gone.csv"), temp.resolve("no-such-file"));

    assertThatThrownBy(() -> FolderFiles.list(data, "folder", Symlinks.REFUSE))
        .isInstanceOfSatisfying(FolderFiles.SymlinksRefused.class,
            e -> assertThat(e.links()).containsExactly("big.csv", "gone.csv", "sub/more"))
        .hasMessageContaining("folder '" + data + "' holds 3 symbolic links, which are not followed")
        .hasMessageContaining("'big.csv' -> '" + elsewhere.resolve("big.csv") + "'")
        .hasMessageContaining("'sub/more' -> '" + elsewhere.resolve("more") + "'")
        .hasMessageContaining("'gone.csv' -> '" + temp.resolve("no-such-file") + "'")
        .hasMessageContaining("Nothing was stored");
    // FileSet, what local workspaces copy, walks the same way.
    assertThatThrownBy(() -> FileSet.of(data)).isInstanceOf(FolderFiles.SymlinksRefused.class);
  }

  @Test
  void followingStoresWhatLinksPointToUnderTheLinksNamesEvenOutsideTheFolder() throws IOException {
    Files.createSymbolicLink(data.resolve("big.csv"), elsewhere.resolve("big.csv"));
    Files.createSymbolicLink(data.resolve("sub/more"), Path.of("../../elsewhere/more"));
    Files.createSymbolicLink(data.resolve("again.csv"), Path.of("part-0.csv"));

    assertThat(FolderFiles.list(data, "folder", Symlinks.FOLLOW))
        .containsExactly("again.csv", "big.csv", "part-0.csv", "sub/more/part-2.csv", "sub/part-1.csv");
    FileSet stored = FileSet.of(data, Symlinks.FOLLOW);
    assertThat(stored.files()).hasSize(5);
    assertThat(stored.sizeBytes()).isEqualTo(5 * 8);
  }

  @Test
  void aFollowedLinkBackToAFolderItIsInIsRefusedAsACycleNotWalkedForEver() throws IOException {
    Files.createSymbolicLink(data.resolve("sub/loop"), Path.of(".."));

    assertThatThrownBy(() -> FolderFiles.list(data, "folder", Symlinks.FOLLOW))
        .isInstanceOf(MloopException.class)
        .isNotInstanceOf(FolderFiles.SymlinksRefused.class)
        .hasMessageContaining("'sub/loop' is a symbolic link to a folder it is in (a cycle)")
        .hasMessageContaining("nothing was stored");
  }

  @Test
  void aFollowedLinkToNothingIsRefusedByName() throws IOException {
    Files.createSymbolicLink(data.resolve("gone.csv"), temp.resolve("no-such-file"));

    assertThatThrownBy(() -> FolderFiles.list(data, "folder", Symlinks.FOLLOW))
        .hasMessageContaining("'gone.csv' is a symbolic link to '" + temp.resolve("no-such-file")
            + "', which does not exist");
  }

  @Test
  void theFolderItselfMayBeALinkTheUserNamedIt() throws IOException {
    Path link = Files.createSymbolicLink(temp.resolve("data-link"), data);

    assertThat(FolderFiles.list(link, "folder", Symlinks.REFUSE)).containsExactly("part-0.csv", "sub/part-1.csv");
  }

  @Test
  void aNamedPipeIsRefusedInBothModesRatherThanReadForEver() throws Exception {
    Path fifo = data.resolve("stream");
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      assumeThat(e).as("mkfifo is not available").isNull();
      return;
    }
    assumeThat(mkfifo.waitFor()).as("mkfifo works here").isZero();

    for (Symlinks links : Symlinks.values()) {
      assertThatThrownBy(() -> FolderFiles.list(data, "folder", links))
          .hasMessageContaining("'stream' is not a regular file (a pipe, socket or device)");
    }
  }

  @Test
  void entriesTheFilterSkipsAreNeitherListedNorReported() throws IOException {
    Files.createSymbolicLink(data.resolve("sub/gone.csv"), temp.resolve("no-such-file"));
    Files.createDirectories(data.resolve(".venv"));
    Files.createSymbolicLink(data.resolve(".venv/python"), temp.resolve("no-such-python"));
    FolderFiles.Filter ignore = new FolderFiles.Filter() {
      @Override
      public boolean skipsFolder(String relative) {
        return relative.equals(".venv");
      }

      @Override
      public boolean skipsFile(String relative) {
        return relative.endsWith("gone.csv");
      }
    };

    assertThat(FolderFiles.list(data, "code folder", Symlinks.REFUSE, ignore))
        .containsExactly("part-0.csv", "sub/part-1.csv");
    assertThat(FolderFiles.list(data, "code folder", Symlinks.FOLLOW, ignore))
        .containsExactly("part-0.csv", "sub/part-1.csv");
  }

  @Test
  void aRefusalNamesTenEntriesAndCountsTheRest() throws IOException {
    for (int i = 0; i < 13; i++) {
      Files.createSymbolicLink(data.resolve("link-" + (char) ('a' + i)), elsewhere.resolve("big.csv"));
    }

    assertThatThrownBy(() -> FolderFiles.list(data, "folder", Symlinks.REFUSE))
        .hasMessageContaining("holds 13 symbolic links")
        .hasMessageContaining("'link-j'")
        .hasMessageNotContaining("'link-k'")
        .hasMessageContaining(" and 3 more")
        .isInstanceOfSatisfying(FolderFiles.SymlinksRefused.class, e -> assertThat(e.links()).hasSize(13));
  }

  @Test
  void aMissingFolderIsNamed() {
    assertThatThrownBy(() -> FolderFiles.list(temp.resolve("absent"), "model folder", Symlinks.REFUSE))
        .hasMessage("model folder '" + temp.resolve("absent") + "' does not exist");
  }
}
