package org.juicetokens.common;

import io.vertx.grpc.common.GrpcStatus;

/**
 * The stable error contract of the node. Each code has a fixed wire number (used as the
 * event-bus failure code, never the enum ordinal), a gRPC status and an HTTP status.
 */
public enum ErrorCode {
  INVALID_ARGUMENT(4000, GrpcStatus.INVALID_ARGUMENT, 400),
  NOT_FOUND(4004, GrpcStatus.NOT_FOUND, 404),
  ALREADY_EXISTS(4009, GrpcStatus.ALREADY_EXISTS, 409),
  CONFLICT(4010, GrpcStatus.ABORTED, 409),
  INSUFFICIENT_FUNDS(4012, GrpcStatus.FAILED_PRECONDITION, 412),
  TIME_INADEQUATE(4013, GrpcStatus.FAILED_PRECONDITION, 412),
  /** A payment's change cannot be settled: the hundredths between the wissels, or the payee's exact change. */
  INSUFFICIENT_CHANGE(4014, GrpcStatus.FAILED_PRECONDITION, 412),
  /** The thing is not in a state that allows the call (e.g. pausing an extension that is not ACTIVE). */
  FAILED_PRECONDITION(4015, GrpcStatus.FAILED_PRECONDITION, 412),
  UNAUTHENTICATED(4001, GrpcStatus.UNAUTHENTICATED, 401),
  PERMISSION_DENIED(4003, GrpcStatus.PERMISSION_DENIED, 403),
  DATA_CORRUPTION(5002, GrpcStatus.DATA_LOSS, 500),
  UNAVAILABLE(5003, GrpcStatus.UNAVAILABLE, 503),
  TIMEOUT(5004, GrpcStatus.DEADLINE_EXCEEDED, 503),
  INTERNAL(5000, GrpcStatus.INTERNAL, 500);

  private final int wireCode;
  private final GrpcStatus grpcStatus;
  private final int httpStatus;

  ErrorCode(int wireCode, GrpcStatus grpcStatus, int httpStatus) {
    this.wireCode = wireCode;
    this.grpcStatus = grpcStatus;
    this.httpStatus = httpStatus;
  }

  /** The number carried as {@code ReplyException.failureCode()} on the event bus. */
  public int wireCode() {
    return wireCode;
  }

  public GrpcStatus grpcStatus() {
    return grpcStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The code for a wire number, or {@code null} when the number is not one of ours. */
  public static ErrorCode fromWireCode(int wireCode) {
    for (ErrorCode code : values()) {
      if (code.wireCode == wireCode) {
        return code;
      }
    }
    return null;
  }

  /** The code whose gRPC status is {@code status}; INTERNAL when none matches. */
  public static ErrorCode fromGrpcStatus(GrpcStatus status) {
    for (ErrorCode code : values()) {
      if (code.grpcStatus == status) {
        return code;
      }
    }
    return INTERNAL;
  }
}
