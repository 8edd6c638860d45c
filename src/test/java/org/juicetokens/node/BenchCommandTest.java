package org.juicetokens.node;

import io.vertx.core.json.JsonObject;
import org.juicetokens.testing.Cli;
import org.juicetokens.testing.InJvmClusters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/juice bench against a real 2-node in-JVM cluster: a small counted run of transfers and
 * mints through the gRPC API, whose JSON report adds up and whose audit is conserved; bad
 * options and a missing API token end non-zero with one clear line. No timing is asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchCommandTest {
  private static final String TOKEN = "s3cret-" + UUID.randomUUID();
  private List<JuiceNode> nodes;
  private String a;
  private String b;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    nodes = InJvmClusters.startCluster(tmp, List.of("a", "b"), Map.of("api.token", TOKEN, "time.peerPollIntervalMs", "300"));
    long deadline = System.currentTimeMillis() + 60_000;
    JuiceNode first = nodes.get(0);
    while (!(first.context().hazelcast().getCluster().getMembers().size() == 2
      && first.context().hazelcast().getPartitionService().isClusterSafe())) {
      assertThat(System.currentTimeMillis()).as("2 members, cluster safe").isLessThan(deadline);
      Thread.sleep(100);
    }
    InJvmClusters.awaitAdequateTime(nodes);
    a = "127.0.0.1:" + nodes.get(0).httpPort();
    b = "127.0.0.1:" + nodes.get(1).httpPort();
  }

  @AfterAll
  void stop() throws Exception {
    if (nodes != null) {
      InJvmClusters.closeAll(nodes);
    }
  }

  @Test
  void a_counted_run_reports_counts_that_add_up_and_a_conserved_audit(@TempDir Path out) throws Exception {
    Path file = out.resolve("report.json");
    Cli.Run run = Cli.run("bench", "--node", a, "--node", b, "--token", TOKEN, "--mix", "transfer=4,mint=1", "--count", "30",
      "--concurrency", "2", "--identities", "4", "--tokens", "5", "--timeout", "60", "--json", file.toString());
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("4 identities ready on 2 node(s)").contains("30 attempted").contains("audit: conserved");

    JsonObject report = new JsonObject(Files.readString(file));
    JsonObject totals = report.getJsonObject("totals");
    assertThat(totals.getLong("attempted")).isEqualTo(30)
      .isEqualTo(totals.getLong("committed") + totals.getLong("aborted") + totals.getLong("errors"));
    JsonObject transfer = report.getJsonObject("operations").getJsonObject("transfer");
    JsonObject mint = report.getJsonObject("operations").getJsonObject("mint");
    assertThat(transfer.getLong("attempted") + mint.getLong("attempted")).isEqualTo(30);
    assertThat(transfer.getLong("attempted")).isEqualTo(transfer.getLong("committed") + transfer.getLong("aborted")
      + transfer.getLong("errors"));
    assertThat(transfer.getLong("committed")).isPositive();
    assertThat(mint.getLong("committed")).isEqualTo(mint.getLong("attempted"));
    assertThat(transfer.getJsonObject("latencyMs").getDouble("p99")).isPositive();
    assertThat(report.getJsonObject("audit").getBoolean("conserved")).isTrue();
    assertThat(report.getJsonObject("audit").getJsonArray("nodes")).containsExactlyInAnyOrder("a", "b");
    assertThat(report.getJsonObject("settings").getJsonArray("nodes")).containsExactly(a, b);
  }

  @Test
  void bad_options_exit_2_with_one_clear_line() {
    Cli.Run run = Cli.run("bench", "--node", a, "--mix", "transfer=80,pay=20");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("unknown operation 'pay' in --mix: expected transfer, mint or attest");
    Cli.Run both = Cli.run("bench", "--node", a, "--duration", "5", "--count", "5");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err().strip()).isEqualTo("give --duration or --count, not both");
    assertThat(Cli.run("bench", "--format", "xml").err().strip()).isEqualTo("bad --format 'xml': expected text or json");
  }

  @Test
  void a_refused_setup_exits_3_with_the_node_s_reason() {
    Cli.Run run = Cli.run("bench", "--node", a, "--token", "wrong", "--count", "1", "--concurrency", "1");
    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err().strip()).startsWith("bench setup failed: ").contains("UNAUTHENTICATED").doesNotContain("\n");
  }
}
