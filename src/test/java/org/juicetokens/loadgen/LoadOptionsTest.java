package org.juicetokens.loadgen;

import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadOptionsTest {
  private static LoadOptions of(List<String> nodes, int concurrency, int duration, long count, int identities) {
    return LoadOptions.of(nodes, "transfer=1", concurrency, duration, count, 0, identities, 10, 1, 30, "t");
  }

  @Test
  void defaults_are_thirty_seconds_and_twice_the_concurrency_in_identities() {
    LoadOptions o = of(List.of(), 4, 0, 0, 0);
    assertThat(o.durationSeconds()).isEqualTo(30);
    assertThat(o.identities()).isEqualTo(8);
    assertThat(o.nodes()).hasSize(1);
    assertThat(o.nodes().get(0).port()).isEqualTo(8080);
    assertThat(o.toJson().encode()).doesNotContain("\"t\"").contains("\"nodes\":[\"localhost:8080\"]");
  }

  @Test
  void bad_options_are_refused_with_one_clear_line() {
    assertThatThrownBy(() -> of(List.of("nohost"), 1, 1, 0, 0)).hasMessage("bad --node 'nohost': expected host:port");
    assertThatThrownBy(() -> of(List.of("h:99999"), 1, 1, 0, 0)).hasMessageContaining("port out of range");
    assertThatThrownBy(() -> of(List.of("h:x"), 1, 1, 0, 0)).hasMessageContaining("not a number");
    assertThatThrownBy(() -> of(List.of(), 0, 1, 0, 0)).hasMessage("--concurrency must be at least 1");
    assertThatThrownBy(() -> of(List.of(), 1, 5, 10, 0)).hasMessage("give --duration or --count, not both");
    assertThatThrownBy(() -> of(List.of(), 1, -1, 0, 0)).hasMessageContaining("cannot be negative");
    assertThatThrownBy(() -> of(List.of(), 4, 1, 0, 4)).hasMessageContaining("must exceed --concurrency");
    assertThatThrownBy(() -> of(List.of(), 1, 1, 0, 1)).hasMessageContaining("at least 2");
    assertThatThrownBy(() -> LoadOptions.of(List.of(), "transfer=1", 1, 1, 0, 0, 0, 1001, 1, 30, null))
      .hasMessageContaining("within 1..1000");
  }

  @Test
  void funded_defaults_to_every_identity_and_rate_and_funded_are_checked() {
    assertThat(of(List.of(), 2, 1, 0, 6).funded()).isEqualTo(6);
    LoadOptions one = LoadOptions.of(List.of(), "transfer=1", 1, 1, 0, 0, 2, 1, 1, 30, null, 50, 1);
    assertThat(one.funded()).isEqualTo(1);
    assertThat(one.rate()).isEqualTo(50);
    assertThat(one.toJson().getInteger("rate")).isEqualTo(50);
    assertThatThrownBy(() -> LoadOptions.of(List.of(), "transfer=1", 1, 1, 0, 0, 2, 1, 1, 30, null, -1, 0))
      .hasMessageContaining("--rate cannot be negative");
    assertThatThrownBy(() -> LoadOptions.of(List.of(), "transfer=1", 1, 1, 0, 0, 2, 1, 1, 30, null, 0, 3))
      .hasMessageContaining("--funded must be within");
  }

  @Test
  void refusals_count_as_aborts_by_their_code_and_no_answer_as_errors() {
    assertThat(CallOutcome.ofStatus(GrpcStatus.FAILED_PRECONDITION, "INSUFFICIENT_FUNDS: 10.00 needed"))
      .isEqualTo(new CallOutcome(false, "INSUFFICIENT_FUNDS"));
    assertThat(CallOutcome.ofStatus(GrpcStatus.UNAUTHENTICATED, null)).isEqualTo(new CallOutcome(false, "UNAUTHENTICATED"));
    assertThat(CallOutcome.ofStatus(GrpcStatus.UNAVAILABLE, "no route")).isEqualTo(new CallOutcome(true, "UNAVAILABLE"));
    assertThat(CallOutcome.ofFailure(new TimeoutException("late"))).isEqualTo(new CallOutcome(true, "TIMEOUT"));
    assertThat(CallOutcome.ofFailure(new java.net.ConnectException("refused"))).isEqualTo(new CallOutcome(true, "UNREACHABLE"));
  }
}
