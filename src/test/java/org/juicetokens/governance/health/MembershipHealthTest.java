package org.juicetokens.governance.health;

import io.vertx.ext.healthchecks.Status;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MembershipHealthTest {
  @Test
  void fewer_members_than_the_most_seen_is_degraded() {
    MembershipHealth m = new MembershipHealth(0);
    assertThat(m.observe(1)).isEqualTo(ComponentStatus.UP);
    assertThat(m.observe(3)).isEqualTo(ComponentStatus.UP);
    assertThat(m.observe(2)).isEqualTo(ComponentStatus.DEGRADED);
    assertThat(m.expected()).isEqualTo(3);
    assertThat(m.observe(3)).isEqualTo(ComponentStatus.UP);
  }

  @Test
  void a_configured_count_is_expected_from_the_start() {
    MembershipHealth m = new MembershipHealth(3);
    assertThat(m.observe(1)).isEqualTo(ComponentStatus.DEGRADED);
    assertThat(m.observe(4)).isEqualTo(ComponentStatus.UP);
    assertThat(m.observe(3)).isEqualTo(ComponentStatus.UP);
  }

  @Test
  void the_cluster_procedure_degrades_when_a_member_is_gone() {
    MembershipHealth m = new MembershipHealth(0);
    Status both = ClusterHealth.evaluate(true, List.of("a", "b"), "a", "ACTIVE", m);
    assertThat(both.getData().getString("status")).isEqualTo("UP");
    Status cut = ClusterHealth.evaluate(true, List.of("a"), "a", "ACTIVE", m);
    assertThat(cut.isOk()).isTrue();
    assertThat(cut.getData().getString("status")).isEqualTo("DEGRADED");
    assertThat(cut.getData().getString("reason")).isEqualTo("1 of 2 expected members: a member left or the cluster is cut");
    Status stopped = ClusterHealth.evaluate(false, List.of(), "a", "", m);
    assertThat(stopped.isOk()).isFalse();
    assertThat(stopped.getData().getString("status")).isEqualTo("DOWN");
  }
}
