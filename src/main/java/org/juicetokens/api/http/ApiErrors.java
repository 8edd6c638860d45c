package org.juicetokens.api.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.grpc.server.StatusException;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.Errors;
import org.juicetokens.common.JuiceException;

/**
 * The HTTP/JSON form of a failure: status {@link ErrorCode#httpStatus()} and body
 * {@code {"code": "...", "message": "...", "details": {...}}}. A gRPC status made by
 * {@link Errors#toGrpc} carries the ErrorCode name in front of its message ("NOT_FOUND: ...");
 * that name is read back, so codes sharing a gRPC status (TIME_INADEQUATE, INSUFFICIENT_FUNDS,
 * INSUFFICIENT_CHANGE)
 * keep their own identity over HTTP.
 */
final class ApiErrors {
  private ApiErrors() {
  }

  static JuiceException toJuice(Throwable failure) {
    if (failure instanceof StatusException se) {
      String message = se.message() == null ? "" : se.message();
      int colon = message.indexOf(": ");
      if (colon > 0) {
        ErrorCode named = byName(message.substring(0, colon));
        if (named != null) {
          return new JuiceException(named, message.substring(colon + 2));
        }
      }
      return new JuiceException(ErrorCode.fromGrpcStatus(se.status()), message);
    }
    return Errors.toJuice(failure);
  }

  static void send(RoutingContext ctx, Throwable failure) {
    send(ctx, toJuice(failure));
  }

  static void send(RoutingContext ctx, JuiceException failure) {
    if (ctx.response().ended()) {
      return;
    }
    JsonObject body = new JsonObject().put("code", failure.code().name()).put("message", failure.getMessage());
    if (!failure.details().isEmpty()) {
      body.put("details", new JsonObject(new java.util.HashMap<>(failure.details())));
    }
    ctx.response()
      .setStatusCode(failure.code().httpStatus())
      .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
      .end(body.encode());
  }

  private static ErrorCode byName(String name) {
    for (ErrorCode code : ErrorCode.values()) {
      if (code.name().equals(name)) {
        return code;
      }
    }
    return null;
  }
}
