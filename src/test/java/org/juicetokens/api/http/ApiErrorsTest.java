package org.juicetokens.api.http;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.Errors;
import org.juicetokens.common.JuiceException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiErrorsTest {
  @Test
  void a_grpc_status_made_by_errors_keeps_its_error_code_and_message() {
    for (ErrorCode code : ErrorCode.values()) {
      StatusException grpc = Errors.toGrpc(new JuiceException(code, "because"));
      JuiceException back = ApiErrors.toJuice(grpc);
      assertThat(back.code()).isEqualTo(code);
      assertThat(back.getMessage()).isEqualTo("because");
    }
  }

  @Test
  void a_foreign_grpc_status_maps_by_status() {
    assertThat(ApiErrors.toJuice(new StatusException(GrpcStatus.NOT_FOUND, "gone")).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(ApiErrors.toJuice(new StatusException(GrpcStatus.UNKNOWN, "BOGUS: x")).code()).isEqualTo(ErrorCode.INTERNAL);
    assertThat(ApiErrors.toJuice(new StatusException(GrpcStatus.UNAVAILABLE)).code()).isEqualTo(ErrorCode.UNAVAILABLE);
  }

  @Test
  void other_failures_follow_the_common_contract() {
    assertThat(ApiErrors.toJuice(new ReplyException(ReplyFailure.TIMEOUT, "slow")).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(ApiErrors.toJuice(new IllegalArgumentException("bad")).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }
}
