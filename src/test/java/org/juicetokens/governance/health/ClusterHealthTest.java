package org.juicetokens.governance.health;

import io.vertx.ext.healthchecks.Status;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterHealthTest {
  @Test
  void running_member_is_up_and_names_the_members() {
    Status status = ClusterHealth.evaluate(true, List.of("a", "b", "c"), "a", "ACTIVE");
    assertThat(status.isOk()).isTrue();
    assertThat(status.getData().getInteger("members")).isEqualTo(3);
    assertThat(status.getData().getJsonArray("memberNodeIds")).containsExactly("a", "b", "c");
    assertThat(status.getData().getString("localNodeId")).isEqualTo("a");
    assertThat(status.getData().getString("state")).isEqualTo("ACTIVE");
  }

  @Test
  void stopped_member_is_down_with_a_reason() {
    Status status = ClusterHealth.evaluate(false, List.of(), "a", "");
    assertThat(status.isOk()).isFalse();
    assertThat(status.getData().getBoolean("running")).isFalse();
    assertThat(status.getData().getString("reason")).contains("not running");
    assertThat(status.getData().containsKey("state")).isFalse();
  }
}
