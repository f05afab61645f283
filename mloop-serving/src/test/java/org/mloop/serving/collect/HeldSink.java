package org.mloop.serving.collect;

import java.util.concurrent.CountDownLatch;

/**
 * A sink that holds every write until {@link #release()}, then writes into a {@link FolderSink}: a
 * store that takes its time. {@link #entered} opens when the first write arrives.
 */
final class HeldSink implements CollectedDataSink {
  final FolderSink folder;
  final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  HeldSink(FolderSink folder) {
    this.folder = folder;
  }

  @Override
  public void write(String endpoint, String deployment, String path, byte[] content) {
    entered.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    folder.write(endpoint, deployment, path, content);
  }

  /** Lets the held writes and every later one through. */
  void release() {
    release.countDown();
  }
}
