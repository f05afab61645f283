package org.mloop.store;

import java.nio.file.Path;
import org.mloop.core.files.FolderUse;

/**
 * A second process using an artifact store, for {@link ArtifactLeftoversTest}: holds the store's
 * use, prints "using", and keeps it until its input closes or it is killed.
 */
public final class StoreUserMain {
  private StoreUserMain() {}

  public static void main(String[] args) throws Exception {
    try (FolderUse use = FolderUse.enter(Path.of(args[0]), alone -> { })) {
      System.out.println("using");
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait
      }
    }
  }
}
