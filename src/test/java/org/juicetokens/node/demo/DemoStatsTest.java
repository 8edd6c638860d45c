package org.juicetokens.node.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoStatsTest {
  @Test
  void status_line_counts_every_kind_of_action_and_the_rate() {
    DemoStats stats = new DemoStats();
    stats.transfersCommitted.set(40);
    stats.transfersRefused.set(2);
    stats.attestations.set(8);
    stats.eggsGenerated.set(4);
    stats.eggsFertilized.set(3);
    stats.eggsHatched.set(1);
    stats.renewals.set(5);
    stats.actions.set(50);
    assertThat(stats.statusLine(10)).isEqualTo("[  10s] transfers 40 committed, 2 refused | attestations 8 | eggs 4 generated,"
      + " 3 fertilized, 1 hatched | renewals 5 | errors 0 | 5.0 actions/s");
    stats.skipped.set(3);
    stats.error("x".repeat(300));
    assertThat(stats.statusLine(0)).contains("errors 1 | 0.0 actions/s (3 ticks skipped: calls still running)");
    assertThat(stats.lastError.get()).hasSize(161);
  }

  @Test
  void seeding_steps_and_names() {
    assertThat(DemoSeeder.steps(9, 10)).isEqualTo(19);
    assertThat(DemoSeeder.steps(2, 10)).isEqualTo(4);
    assertThat(DemoSeeder.name(0)).isEqualTo("Alice");
    assertThat(DemoSeeder.name(20)).isEqualTo("Alice2");
  }
}
