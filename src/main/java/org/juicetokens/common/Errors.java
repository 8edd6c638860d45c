package org.juicetokens.common;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.grpc.server.StatusException;

/**
 * Maps failures at each edge, once: event bus in and out, gRPC, HTTP.
 */
public final class Errors {
  private Errors() {
  }

  /** Any failure as a JuiceException: event-bus timeouts and missing handlers become UNAVAILABLE. */
  public static JuiceException toJuice(Throwable failure) {
    if (failure instanceof JuiceException je) {
      return je;
    }
    if (failure instanceof ReplyException re) {
      if (re.failureType() == ReplyFailure.TIMEOUT) {
        return new JuiceException(ErrorCode.UNAVAILABLE, "no answer in time: " + re.getMessage(), re);
      }
      if (re.failureType() == ReplyFailure.NO_HANDLERS) {
        return new JuiceException(ErrorCode.UNAVAILABLE, "service not available: " + re.getMessage(), re);
      }
      ErrorCode code = ErrorCode.fromWireCode(re.failureCode());
      return new JuiceException(code == null ? ErrorCode.INTERNAL : code, String.valueOf(re.getMessage()), re);
    }
    if (failure instanceof IllegalArgumentException) {
      return new JuiceException(ErrorCode.INVALID_ARGUMENT, String.valueOf(failure.getMessage()), failure);
    }
    return new JuiceException(ErrorCode.INTERNAL, failure.getClass().getSimpleName() + ": " + failure.getMessage(), failure);
  }

  /** Fails an event-bus request with the failure's code and message. */
  public static void fail(Message<?> message, Throwable failure) {
    JuiceException je = toJuice(failure);
    message.fail(je.code().wireCode(), je.getMessage());
  }

  /** The gRPC form of a failure. */
  public static StatusException toGrpc(Throwable failure) {
    JuiceException je = toJuice(failure);
    return new StatusException(je.code().grpcStatus(), je.code().name() + ": " + je.getMessage());
  }
}
