package org.juicetokens.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/netsim.sh, the docker-compose netsim tool: valid bash, and the tc / iptables commands it
 * issues (NETSIM_DRY_RUN=1 prints them; netem itself needs a kernel with sch_netem, which this
 * machine lacks, and the script's real target is a container's namespace).
 */
class NetsimScriptTest {
  static final Path SCRIPT = Path.of("scripts", "netsim.sh");

  @TempDir
  Path state;

  private Commands.Result netsim(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    Map<String, String> all = new HashMap<>(Map.of("NETSIM_DRY_RUN", "1", "NETSIM_STATE_DIR", state.toString()));
    all.putAll(env);
    Commands.Result r = Commands.run(command, all);
    assertThat(r).as("bash runs").isNotNull();
    return r;
  }

  private List<String> ok(String... args) {
    Commands.Result r = netsim(Map.of(), args);
    assertThat(r.exit()).as("netsim " + String.join(" ", args) + ": " + r.output()).isZero();
    return r.output().lines().toList();
  }

  @Test
  void the_script_is_valid_bash() {
    Commands.Result r = Commands.run(List.of("bash", "-n", SCRIPT.toString()), Map.of());
    assertThat(r).isNotNull();
    assertThat(r.exit()).as(r.output()).isZero();
  }

  @Test
  void delay_jitter_loss_and_bandwidth_add_up_in_one_netem_qdisc() {
    assertThat(ok("delay", "500ms", "50ms"))
      .containsExactly("tc qdisc replace dev eth0 root netem delay 500ms 50ms distribution normal");
    assertThat(ok("loss", "20%"))
      .containsExactly("tc qdisc replace dev eth0 root netem delay 500ms 50ms distribution normal loss 20%");
    assertThat(ok("bandwidth", "1mbit"))
      .containsExactly("tc qdisc replace dev eth0 root netem delay 500ms 50ms distribution normal loss 20% rate 1mbit");
    assertThat(ok("delay", "100ms"))
      .containsExactly("tc qdisc replace dev eth0 root netem delay 100ms loss 20% rate 1mbit");
  }

  @Test
  void restore_removes_the_qdisc_and_the_partition_and_forgets_the_parameters() {
    ok("loss", "5%");
    assertThat(ok("restore")).containsExactly("tc qdisc del dev eth0 root",
      "iptables -D INPUT -j JUICE_NETSIM", "iptables -D OUTPUT -j JUICE_NETSIM",
      "iptables -F JUICE_NETSIM", "iptables -X JUICE_NETSIM");
    assertThat(ok("delay", "10ms")).containsExactly("tc qdisc replace dev eth0 root netem delay 10ms");
  }

  @Test
  void partition_drops_traffic_to_and_from_the_named_peers_in_its_own_chain() {
    assertThat(ok("partition", "10.5.0.3", "10.5.0.4")).containsSubsequence(
      "iptables -N JUICE_NETSIM",
      "iptables -A JUICE_NETSIM -s 10.5.0.3 -j DROP", "iptables -A JUICE_NETSIM -d 10.5.0.3 -j DROP",
      "iptables -A JUICE_NETSIM -s 10.5.0.4 -j DROP", "iptables -A JUICE_NETSIM -d 10.5.0.4 -j DROP",
      "iptables -I INPUT 1 -j JUICE_NETSIM", "iptables -I OUTPUT 1 -j JUICE_NETSIM");
  }

  @Test
  void partition_without_peers_cuts_the_target_off_from_every_other_node() {
    Commands.Result r = netsim(Map.of("NETSIM_TARGET", "10.5.0.2", "NETSIM_NODES", "10.5.0.2 10.5.0.3 10.5.0.4"), "partition");
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("-s 10.5.0.3 -j DROP", "-s 10.5.0.4 -j DROP").doesNotContain("10.5.0.2");
  }

  @Test
  void an_unknown_peer_fails_before_any_rule_is_added() {
    Commands.Result r = netsim(Map.of(), "partition", "no-such-node.invalid");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.output()).contains("cannot resolve peer 'no-such-node.invalid'").doesNotContain("iptables");
  }

  @Test
  void malformed_values_and_unknown_commands_are_refused_without_touching_the_network() {
    for (String[] args : List.of(new String[] {"delay", "fast"}, new String[] {"loss", "20"},
        new String[] {"bandwidth", "lots"}, new String[] {"delay"}, new String[] {"shake"}, new String[0])) {
      Commands.Result r = netsim(Map.of(), args);
      assertThat(r.exit()).as("netsim " + String.join(" ", args)).isEqualTo(2);
      assertThat(r.output()).doesNotContain("tc qdisc", "iptables -");
    }
  }
}
