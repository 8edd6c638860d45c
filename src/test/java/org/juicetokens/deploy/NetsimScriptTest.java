package org.juicetokens.deploy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/netsim.sh, the docker-compose netsim tool: valid bash, and the tc / iptables commands it
 * issues (NETSIM_DRY_RUN=1 prints them; netem itself needs a kernel with sch_netem, which this
 * machine lacks). The partition's iptables rules are also applied for real, in a network
 * namespace the test makes (root, ip and iptables needed: .ci/run installs them).
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

  @Test
  void every_netsim_example_in_the_readme_is_a_command_the_script_accepts() throws Exception {
    Matcher m = Pattern.compile("docker compose run --rm netsim ([^#\\n]+?)\\s*(#|\\n)")
      .matcher(Files.readString(Path.of("README.md")));
    int examples = 0;
    while (m.find()) {
      examples++;
      // node names do not resolve here: addresses stand in for them
      Commands.Result r = netsim(Map.of("NETSIM_NODES", "10.5.0.2 10.5.0.3 10.5.0.4"), m.group(1).trim().split("\\s+"));
      assertThat(r.exit()).as("README example: netsim " + m.group(1) + ": " + r.output()).isZero();
    }
    assertThat(examples).isGreaterThanOrEqualTo(6);
  }

  @Test
  void partition_then_restore_adds_and_removes_only_its_own_chain_in_a_real_namespace() {
    Commands.Result ip = Commands.run(List.of("ip", "netns", "list"), Map.of());
    Commands.Result iptables = Commands.run(List.of("iptables", "--version"), Map.of());
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")) && ip != null && ip.exit() == 0
      && iptables != null && iptables.exit() == 0, "needs root, ip (iproute2) and iptables");
    String ns = "jt-netsim-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Commands.run(List.of("ip", "netns", "add", ns), Map.of()).exit()).isZero();
    try {
      Map<String, String> env = Map.of("NETSIM_STATE_DIR", state.toString(), "NETSIM_DEV", "lo");
      List<String> netsim = List.of("ip", "netns", "exec", ns, "bash", SCRIPT.toAbsolutePath().toString());
      Commands.Result cut = Commands.run(concat(netsim, "partition", "10.99.0.2"), env);
      assertThat(cut.exit()).as(cut.output()).isZero();
      // again: replaces the rules instead of stacking a second set
      assertThat(Commands.run(concat(netsim, "partition", "10.99.0.2"), env).exit()).isZero();
      String rules = Commands.run(List.of("ip", "netns", "exec", ns, "iptables", "-S"), Map.of()).output();
      assertThat(rules.lines().filter(l -> l.startsWith("-A "))).containsExactlyInAnyOrder(
        "-A INPUT -j JUICE_NETSIM", "-A OUTPUT -j JUICE_NETSIM",
        "-A JUICE_NETSIM -s 10.99.0.2/32 -j DROP", "-A JUICE_NETSIM -d 10.99.0.2/32 -j DROP");

      Commands.Result restore = Commands.run(concat(netsim, "restore"), env);
      assertThat(restore.exit()).as(restore.output()).isZero();
      assertThat(Commands.run(List.of("ip", "netns", "exec", ns, "iptables", "-S"), Map.of()).output())
        .doesNotContain("JUICE_NETSIM");
    } finally {
      Commands.run(List.of("ip", "netns", "del", ns), Map.of());
    }
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }
}
