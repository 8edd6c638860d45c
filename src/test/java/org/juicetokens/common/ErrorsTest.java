package org.juicetokens.common;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorsTest {

  @Test
  void bus_timeouts_and_missing_handlers_become_unavailable() {
    assertThat(Errors.toJuice(new ReplyException(ReplyFailure.TIMEOUT, "t")).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(Errors.toJuice(new ReplyException(ReplyFailure.NO_HANDLERS, "n")).code()).isEqualTo(ErrorCode.UNAVAILABLE);
  }

  @Test
  void a_recipient_failure_keeps_its_code_and_message_across_the_bus() {
    ReplyException failure = new ReplyException(ReplyFailure.RECIPIENT_FAILURE, ErrorCode.NOT_FOUND.wireCode(), "no such key");
    JuiceException mapped = Errors.toJuice(failure);
    assertThat(mapped.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(mapped.getMessage()).isEqualTo("no such key");
  }

  @Test
  void foreign_failure_codes_and_unexpected_exceptions_are_internal() {
    assertThat(Errors.toJuice(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 42, "x")).code()).isEqualTo(ErrorCode.INTERNAL);
    assertThat(Errors.toJuice(new IllegalStateException("boom")).code()).isEqualTo(ErrorCode.INTERNAL);
    assertThat(Errors.toJuice(new IllegalArgumentException("bad")).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void each_code_has_a_distinct_wire_number_and_maps_to_grpc_and_http() {
    assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::wireCode).distinct().count()).isEqualTo(ErrorCode.values().length);
    assertThat(Errors.toGrpc(JuiceException.invalidArgument("x")).status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(ErrorCode.TIME_INADEQUATE.httpStatus()).isEqualTo(412);
    assertThat(ErrorCode.INSUFFICIENT_CHANGE.wireCode()).isEqualTo(4014);
    assertThat(ErrorCode.INSUFFICIENT_CHANGE.httpStatus()).isEqualTo(412);
    assertThat(ErrorCode.INSUFFICIENT_CHANGE.grpcStatus()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
    assertThat(ErrorCode.fromGrpcStatus(GrpcStatus.FAILED_PRECONDITION)).as("a foreign FAILED_PRECONDITION").isEqualTo(ErrorCode.INSUFFICIENT_FUNDS);
    assertThat(ErrorCode.UNAVAILABLE.httpStatus()).isEqualTo(503);
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(ErrorCode.fromWireCode(code.wireCode())).isEqualTo(code);
    }
  }
}
