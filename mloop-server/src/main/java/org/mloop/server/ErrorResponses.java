package org.mloop.server;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.io.UncheckedIOException;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.json.JsonLimits;
import org.mloop.core.json.MlflowJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error leaves the server as MLflow's body {@code {"error_code": ..., "message": ...}} with
 * the status MLflow uses for that code. Bad input never becomes a 500, and no stack trace is sent:
 * unexpected failures are logged here and answered with a short INTERNAL_ERROR.
 */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  /** The router's failure handler: exceptions from handlers and statuses from ctx.fail(status). */
  static void handleFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure != null) {
      send(ctx, failure);
      return;
    }
    int status = ctx.statusCode();
    String request = ctx.request().method() + " " + ctx.request().path();
    switch (status) {
      case 404 -> send(ctx, 404, "ENDPOINT_NOT_FOUND", "no such endpoint: " + request);
      case 405 -> send(ctx, 405, ErrorCode.BAD_REQUEST.name(),
          "method not allowed: " + request + " (MLflow reads use GET, writes POST; artifacts use PUT and GET)");
      case 413 -> send(ctx, 413, ErrorCode.INVALID_PARAMETER_VALUE.name(),
          "request body too large for " + request + "; upload files with PUT, which streams");
      case 401 -> send(ctx, 401, ErrorCode.UNAUTHENTICATED.name(), "authentication required");
      default -> {
        if (status >= 500) {
          send(ctx, status, ErrorCode.INTERNAL_ERROR.name(), "internal error while serving " + request);
        } else {
          send(ctx, status, ErrorCode.BAD_REQUEST.name(), "bad request: " + request);
        }
      }
    }
  }

  static void send(RoutingContext ctx, Throwable failure) {
    if (failure instanceof MloopException e) {
      if (e.code() == ErrorCode.INTERNAL_ERROR) {
        // The client's message leaves the cause out (it may hold server paths): the log keeps it.
        LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), e);
      }
      send(ctx, e.code(), e.getMessage());
    } else if (failure instanceof IllegalArgumentException e) {
      send(ctx, ErrorCode.INVALID_PARAMETER_VALUE, e.getMessage());
    } else if (JsonLimits.isLimit(failure)) {
      // A document over the bounds every reader shares, wherever in a handler it was parsed.
      send(ctx, ErrorCode.INVALID_PARAMETER_VALUE, "the request " + JsonLimits.describe(constraint(failure)));
    } else if (failure instanceof HttpException e && e.getStatusCode() < 500) {
      // Vert.x's own refusals, such as undecodable query strings or an oversized body.
      String detail = e.getPayload() != null ? e.getPayload() : e.getMessage();
      send(ctx, e.getStatusCode(), ErrorCode.INVALID_PARAMETER_VALUE.name(),
          "bad request " + ctx.request().method() + " " + ctx.request().path() + (detail == null ? "" : ": " + detail));
    } else {
      String request = ctx.request().method() + " " + ctx.request().path();
      LOG.error("{} failed", request, failure);
      String why = failure instanceof UncheckedIOException io && io.getCause() != null
          ? io.getCause().getClass().getSimpleName() : failure.getClass().getSimpleName();
      send(ctx, ErrorCode.INTERNAL_ERROR,
          "internal error while serving " + request + " (" + why + "); the server log has the details");
    }
  }

  private static StreamConstraintsException constraint(Throwable failure) {
    Throwable t = failure;
    while (!(t instanceof StreamConstraintsException)) {
      t = t.getCause();
    }
    return (StreamConstraintsException) t;
  }

  static void send(RoutingContext ctx, ErrorCode code, String message) {
    send(ctx, code.httpStatus(), code.name(), message);
  }

  static void send(RoutingContext ctx, int status, String code, String message) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    if (response.headWritten()) {
      // Part of a download was sent: the only honest signal left is to cut the connection.
      response.reset();
      return;
    }
    if (!ctx.request().isEnded()) {
      // The body was not read (for example an upload refused up front): do not wait for it.
      response.putHeader(HttpHeaders.CONNECTION, "close");
      ctx.request().resume();
    }
    if (status == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    response.setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(MlflowJson.error(code, message == null ? code : message).toString());
  }
}
