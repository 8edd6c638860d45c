package org.juicetokens.loadgen;

import io.vertx.grpc.common.GrpcStatus;

import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a failed call counts: ABORTED when the node answered and refused (counted by the ErrorCode
 * its message starts with, e.g. "INSUFFICIENT_FUNDS: ..."), ERROR when there was no usable answer
 * (timeout, transport failure, or an UNKNOWN / INTERNAL / UNAVAILABLE / DEADLINE_EXCEEDED status).
 */
public record CallOutcome(boolean error, String code) {
  private static final Pattern LEADING_CODE = Pattern.compile("^([A-Z][A-Z_]+):");
  private static final Set<GrpcStatus> NO_ANSWER = Set.of(GrpcStatus.UNKNOWN, GrpcStatus.INTERNAL, GrpcStatus.UNAVAILABLE,
    GrpcStatus.DEADLINE_EXCEEDED);

  /** The node's gRPC status answer and its message (possibly null). */
  public static CallOutcome ofStatus(GrpcStatus status, String message) {
    String code = status.name();
    if (message != null) {
      Matcher m = LEADING_CODE.matcher(message.trim());
      if (m.find()) {
        code = m.group(1);
      }
    }
    return new CallOutcome(NO_ANSWER.contains(status), code);
  }

  /** A failure without a status: the time ran out, or the connection failed. */
  public static CallOutcome ofFailure(Throwable failure) {
    if (failure instanceof TimeoutException) {
      return new CallOutcome(true, "TIMEOUT");
    }
    if (failure instanceof java.net.ConnectException || failure instanceof io.netty.channel.ConnectTimeoutException) {
      return new CallOutcome(true, "UNREACHABLE");
    }
    return new CallOutcome(true, failure.getClass().getSimpleName());
  }
}
