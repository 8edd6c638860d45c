package org.juicetokens.loadgen;

import io.vertx.grpc.common.GrpcStatus;

/** A call the node answered with a non-OK gRPC status. */
final class Refused extends Exception {
  private static final long serialVersionUID = 1L;
  final transient GrpcStatus status;

  Refused(GrpcStatus status, String message) {
    super(message == null || message.isBlank() ? status.name() : message, null, false, false);
    this.status = status;
  }

  CallOutcome outcome() {
    return CallOutcome.ofStatus(status, getMessage());
  }
}
