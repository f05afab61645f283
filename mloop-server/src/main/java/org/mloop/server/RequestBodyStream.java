package org.mloop.server;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * A request body as a blocking {@link InputStream}, for the stores' stream-based writes on a worker
 * thread. Chunks arrive on the event loop and queue here; past a high-water mark the request is
 * paused and it resumes once the reader has drained the queue, so an upload of any size holds at
 * most a few megabytes in memory.
 */
final class RequestBodyStream extends InputStream {
  private static final int HIGH_WATER = 4 * 1024 * 1024;
  private static final int LOW_WATER = 1024 * 1024;

  private final HttpServerRequest request;
  private final Context context;
  private final ArrayDeque<Buffer> chunks = new ArrayDeque<>();
  private int headPosition;
  private long queued;
  private long received;
  private boolean paused;
  private boolean ended;
  private boolean closed;
  private Throwable failure;

  /** Call on the event loop with the request still paused; starts the flow of the body. */
  RequestBodyStream(HttpServerRequest request) {
    this.request = request;
    this.context = Vertx.currentContext();
    request.handler(this::onData);
    request.endHandler(v -> onEnd());
    request.exceptionHandler(this::onFailure);
    request.response().closeHandler(v -> onFailure(new IOException("the client closed the connection")));
    request.resume();
  }

  private synchronized void onData(Buffer chunk) {
    if (closed) {
      return;
    }
    chunks.add(chunk);
    queued += chunk.length();
    received += chunk.length();
    if (queued >= HIGH_WATER && !paused) {
      paused = true;
      request.pause();
    }
    notifyAll();
  }

  private synchronized void onEnd() {
    ended = true;
    notifyAll();
  }

  private synchronized void onFailure(Throwable cause) {
    if (!ended && failure == null) {
      failure = cause;
    }
    notifyAll();
  }

  synchronized long bytesReceived() {
    return received;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public synchronized int read(byte[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (chunks.isEmpty()) {
      if (closed) {
        throw new IOException("the upload stream is closed");
      }
      if (failure != null) {
        throw new IOException("the upload was interrupted after " + received + " bytes: " + failure.getMessage(), failure);
      }
      if (ended) {
        return -1;
      }
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading the upload");
      }
    }
    Buffer head = chunks.peek();
    int n = Math.min(length, head.length() - headPosition);
    head.getBytes(headPosition, headPosition + n, target, offset);
    headPosition += n;
    queued -= n;
    if (headPosition == head.length()) {
      chunks.poll();
      headPosition = 0;
    }
    if (paused && queued <= LOW_WATER) {
      paused = false;
      context.runOnContext(v -> request.resume());
    }
    return n;
  }

  @Override
  public synchronized void close() {
    closed = true;
    chunks.clear();
    queued = 0;
    notifyAll();
  }
}
