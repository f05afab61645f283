package org.mloop.server;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Streaming file transfers. They run on their own worker pool so long uploads and downloads cannot
 * starve the JSON API of threads. Downloads copy 64 KiB at a time and wait for each chunk to be
 * written, which bounds memory to one chunk per download whatever the client's speed.
 */
final class Transfers {
  private static final int CHUNK = 64 * 1024;

  /** Types safe to show inline; everything else is a download (never text/html from user files). */
  private static final Map<String, String> CONTENT_TYPES = Map.of(
      "json", "application/json",
      "txt", "text/plain; charset=utf-8",
      "log", "text/plain; charset=utf-8",
      "csv", "text/csv; charset=utf-8",
      "yaml", "text/plain; charset=utf-8",
      "yml", "text/plain; charset=utf-8",
      "png", "image/png",
      "jpg", "image/jpeg",
      "jpeg", "image/jpeg",
      "gif", "image/gif");

  /** Something to stream: an open stream and, when known, its length. */
  record Download(InputStream content, Long size, String fileName) {}

  @FunctionalInterface
  interface Upload {
    Object receive(RoutingContext ctx, InputStream body) throws Exception;
  }

  @FunctionalInterface
  interface Source {
    Download open(RoutingContext ctx) throws Exception;
  }

  private final WorkerExecutor workers;

  Transfers(Vertx vertx, int threads) {
    this.workers = vertx.createSharedWorkerExecutor("mloop-transfers", threads);
  }

  /** Handler for PUT routes: streams the body into {@code upload} on a worker, answers its JSON result. */
  io.vertx.core.Handler<RoutingContext> upload(Upload upload) {
    return ctx -> {
      RequestBodyStream body = new RequestBodyStream(ctx.request());
      workers.executeBlocking(() -> {
        try (body) {
          return upload.receive(ctx, body);
        }
      }, false).onComplete(result -> {
        if (result.succeeded()) {
          Routes.sendJson(ctx, result.result());
        } else {
          ErrorResponses.send(ctx, result.cause());
        }
      });
    };
  }

  /** Handler for GET routes that stream a file. */
  io.vertx.core.Handler<RoutingContext> download(Source source) {
    return ctx -> workers.executeBlocking(() -> {
      Download download = source.open(ctx);
      try (InputStream in = download.content()) {
        copy(in, download, ctx.response());
      }
      return null;
    }, false).onFailure(cause -> ErrorResponses.send(ctx, cause));
  }

  /**
   * Handler for GET routes that show a page mloop generated itself (a monitor's HTML report, inline CSS and
   * SVG only): text/html, with a policy that runs no script and fetches nothing, should a value in it ever
   * escape the report's escaping.
   */
  io.vertx.core.Handler<RoutingContext> page(PageSource source) {
    return ctx -> workers.executeBlocking(() -> {
      try (InputStream in = source.open(ctx)) {
        ctx.response().putHeader("Content-Security-Policy", PAGE_POLICY);
        copy(in, new Download(in, null, null), "text/html; charset=utf-8", ctx.response());
      }
      return null;
    }, false).onFailure(cause -> ErrorResponses.send(ctx, cause));
  }

  @FunctionalInterface
  interface PageSource {
    InputStream open(RoutingContext ctx) throws Exception;
  }

  private static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

  private static void copy(InputStream in, Download download, HttpServerResponse response) throws IOException {
    copy(in, download, contentType(download.fileName()), response);
  }

  private static void copy(InputStream in, Download download, String contentType, HttpServerResponse response)
      throws IOException {
    response.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
    response.putHeader("X-Content-Type-Options", "nosniff");
    if (download.size() != null) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(download.size()));
    } else {
      response.setChunked(true);
    }
    byte[] buffer = new byte[CHUNK];
    for (int n; (n = in.read(buffer)) > 0; ) {
      await(response.write(Buffer.buffer().appendBytes(buffer, 0, n)));
    }
    await(response.end());
  }

  private static void await(io.vertx.core.Future<Void> write) throws IOException {
    try {
      write.toCompletionStage().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending a download", e);
    } catch (ExecutionException e) {
      throw new IOException("the client stopped the download: " + e.getCause().getMessage(), e.getCause());
    }
  }

  static String contentType(String fileName) {
    if (fileName != null) {
      int dot = fileName.lastIndexOf('.');
      if (dot >= 0) {
        String type = CONTENT_TYPES.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type != null) {
          return type;
        }
      }
    }
    return "application/octet-stream";
  }

  void close() {
    workers.close();
  }
}
