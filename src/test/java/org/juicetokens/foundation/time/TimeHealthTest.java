package org.juicetokens.foundation.time;

import io.vertx.ext.healthchecks.Status;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeHealthTest {
  @Test
  void verified_and_consensus_are_up_and_commit() {
    for (TimeStatus s : new TimeStatus[] {TimeStatus.VERIFIED, TimeStatus.CONSENSUS}) {
      Status status = TimeHealth.of(TimeReading.newBuilder().setStatus(s).setConfidence(80).build());
      assertThat(status.isOk()).isTrue();
      assertThat(status.getData().getString("status")).isEqualTo("UP");
      assertThat(status.getData().getString("timeStatus")).isEqualTo(s.name());
      assertThat(status.getData().getBoolean("committing")).isTrue();
    }
  }

  @Test
  void inadequate_is_degraded_serving_but_not_committing_with_the_reason() {
    Status status = TimeHealth.of(TimeReading.newBuilder().setStatus(TimeStatus.INADEQUATE)
      .setReason("the local clock is excluded: 10000 ms from its peers").build());
    assertThat(status.isOk()).isTrue();
    assertThat(status.getData().getString("status")).isEqualTo("DEGRADED");
    assertThat(status.getData().getBoolean("committing")).isFalse();
    assertThat(status.getData().getString("reason")).isEqualTo(
      "time INADEQUATE, transfers are refused: the local clock is excluded: 10000 ms from its peers");
  }
}
