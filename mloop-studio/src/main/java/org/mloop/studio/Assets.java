package org.mloop.studio;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mloop.core.artifacts.ContentHash;

/**
 * The studio's static files, read from the class path once: htmx and ECharts from their WebJars and the
 * studio's own CSS, scripts and icon. Each is served at {@code /static/HASH/NAME}, HASH the first 16 hex digits of its sha256,
 * so a URL always names the same bytes and browsers may keep them for a year without asking again.
 */
final class Assets {
  static final String PREFIX = "/static/";
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String HTMX_VERSION = "2.0.10";
  static final String ECHARTS_VERSION = "5.5.0";

  private record Asset(String name, String contentType, Buffer bytes, String hash) {}

  private final Map<String, Asset> byName = new LinkedHashMap<>();

  Assets() {
    add("htmx.min.js", "text/javascript; charset=utf-8",
        "META-INF/resources/webjars/htmx.org/" + HTMX_VERSION + "/dist/htmx.min.js");
    add("studio.css", "text/css; charset=utf-8", "org/mloop/studio/static/studio.css");
    add("studio.js", "text/javascript; charset=utf-8", "org/mloop/studio/static/studio.js");
    add("echarts.min.js", "text/javascript; charset=utf-8",
        "META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/echarts.min.js");
    add("charts.js", "text/javascript; charset=utf-8", "org/mloop/studio/static/charts.js");
    add("icon.svg", "image/svg+xml", "org/mloop/studio/static/icon.svg");
  }

  /** The URL of an asset, such as "/static/0123456789abcdef/studio.css". */
  String url(String name) {
    Asset asset = byName.get(name);
    if (asset == null) {
      throw new IllegalArgumentException("no studio asset '" + name + "'");
    }
    return PREFIX + asset.hash() + "/" + asset.name();
  }

  /** GET /static/:hash/:name: the asset when both match, 404 otherwise. */
  void serve(RoutingContext ctx) {
    Asset asset = byName.get(ctx.pathParam("name"));
    if (asset == null || !asset.hash().equals(ctx.pathParam("hash"))) {
      ctx.response().setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
          .end("no such studio file");
      return;
    }
    ctx.response()
        .putHeader(HttpHeaders.CACHE_CONTROL, IMMUTABLE)
        .putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType())
        .end(asset.bytes());
  }

  private void add(String name, String contentType, String resource) {
    byte[] bytes;
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the studio's file " + resource + " is not on the class path");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String hash = ContentHash.hex(ContentHash.newDigest().digest(bytes)).substring(0, 16);
    byName.put(name, new Asset(name, contentType, Buffer.buffer(bytes), hash));
  }
}
