package org.juicetokens.governance.metrics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.HttpApi;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.testing.Promtool;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /metrics of a 2-node cluster with every layer active (a transfer, an attestation, a genesis pool
 * and an egg batch, an owner renewal): promtool finds no naming problem, and every metric and label
 * value conf/alerts.yml relies on is really exposed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeMetricsPrometheusTest {
  private static final long TIMEOUT_MS = 60_000;
  private static final Pattern NAME = Pattern.compile("\\b(juice_[a-z0-9_]+|up)\\b");
  private List<JuiceNode> nodes;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    nodes = InJvmClusters.startCluster(tmp, List.of("a", "b"), Map.of("time.peerPollIntervalMs", "300", "lifecycle.timeScale", "1e5"));
    JuiceNode a = nodes.get(0);
    JuiceNode b = nodes.get(1);
    long deadline = System.currentTimeMillis() + 60_000;
    while (!(a.context().hazelcast().getCluster().getMembers().size() == 2 && a.context().hazelcast().getPartitionService().isClusterSafe())) {
      assertThat(System.currentTimeMillis()).as("2 members, cluster safe").isLessThan(deadline);
      Thread.sleep(100);
    }
    InJvmClusters.awaitAdequateTime(nodes);
    String issuer = identity(a, "Issuer");
    String alice = identity(a, "Alice");
    String bob = identity(b, "Bob");
    String carol = identity(a, "Carol");
    mint(a, issuer, alice, 1, 3);
    mint(a, issuer, alice, 10, 2);
    mint(a, issuer, bob, 1, 3);
    JsonObject transfer = HttpApi.call(a.httpPort(), "POST", "/api/v1/transfers",
      new JsonObject().put("fromId", alice).put("toId", bob).put("amountHundredths", "1234"), 200);
    assertThat(transfer.getString("state")).isEqualTo("COMMITTED");
    HttpApi.call(a.httpPort(), "POST", "/api/v1/transfers",
      new JsonObject().put("fromId", alice).put("toId", bob).put("amountHundredths", "9999999"), 412);
    HttpApi.call(a.httpPort(), "POST", "/api/v1/attestations", new JsonObject().put("attesterId", alice).put("subjectId", bob)
      .put("type", "reliable").put("strength", 80), 200);
    JsonObject pool = HttpApi.call(a.httpPort(), "POST", "/api/v1/genesis-pools",
      new JsonObject().put("memberIds", new JsonArray(List.of(issuer, alice, carol))), 200);
    HttpApi.call(a.httpPort(), "POST", "/api/v1/eggs:generate", new JsonObject().put("poolId", pool.getString("poolId"))
      .put("reference", "metrics").put("denomination", 10).put("count", 1).put("ownerId", carol), 200);
    String token = mint(a, issuer, carol, 5, 1).getTokens(0).getId();
    HttpApi.call(a.httpPort(), "POST", "/api/v1/tokens/" + token + ":renew", new JsonObject().put("requesterId", carol), 200);
  }

  @AfterAll
  void stop() throws Exception {
    if (nodes != null) {
      InJvmClusters.closeAll(nodes);
    }
  }

  @Test
  void every_nodes_metrics_pass_promtool_with_every_layer_active() throws Exception {
    for (JuiceNode node : nodes) {
      String text = scrape(node);
      assertThat(text).contains("juice_tx_outcomes_total{", "juice_attestations_creations_total{", "juice_egg_generations_total{",
        "juice_renewal_renewals_total{", "juice_operation_seconds_count{");
      Promtool.assertMetricsPass(text);
    }
  }

  @Test
  void every_metric_an_alert_uses_is_exposed_by_a_running_node() throws Exception {
    Set<String> used = new TreeSet<>();
    for (String expr : expressions(Files.readString(PrometheusConfigTest.ALERTS))) {
      Matcher m = NAME.matcher(expr);
      while (m.find()) {
        used.add(m.group(1));
      }
    }
    assertThat(used).contains("up", "juice_tx_in_doubt", "juice_time_status", "juice_operation_seconds_count");
    String text = scrape(nodes.get(0));
    Set<String> exposed = new TreeSet<>();
    for (String line : text.split("\n")) {
      if (!line.startsWith("#") && !line.isBlank()) {
        exposed.add(line.split("[{ ]", 2)[0]);
      }
    }
    // up is written by Prometheus itself for each scrape, not by the node
    assertThat(used.stream().filter(n -> !n.equals("up")).toList()).as("alert metrics missing from /metrics").allMatch(exposed::contains);
    // the label values the alerts select on (the error outcome: the transfer beyond alice's funds in start())
    assertThat(text).containsPattern("juice_time_status\\{[^}]*status=\"INADEQUATE\"")
      .containsPattern("juice_operation_seconds_count\\{[^}]*outcome=\"ok\"")
      .containsPattern("juice_operation_seconds_count\\{[^}]*outcome=\"error\"");
  }

  /** The {@code expr:} values of a rules file, folded (block scalars span several lines). */
  static List<String> expressions(String rules) {
    List<String> exprs = new java.util.ArrayList<>();
    StringBuilder current = null;
    for (String line : rules.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("expr:")) {
        current = new StringBuilder(trimmed.substring("expr:".length()));
        exprs.add("");
      } else if (current != null && trimmed.matches("^[a-z_]+:.*")) {
        exprs.set(exprs.size() - 1, current.toString());
        current = null;
      } else if (current != null) {
        current.append(' ').append(trimmed);
      }
    }
    assertThat(exprs).isNotEmpty().doesNotContain("");
    return exprs;
  }

  private static String scrape(JuiceNode node) throws Exception {
    // HTTP/1.1 as Prometheus scrapes (the JDK client's default h2c upgrade meets the node's gRPC-capable server)
    HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/metrics"))
      .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  private static String identity(JuiceNode node, String name) throws Exception {
    return ask(node, Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName(name).build(), IdentityView.class)
      .getDocument().getId();
  }

  private static MintReply mint(JuiceNode node, String issuer, String owner, int denomination, int count) throws Exception {
    return ask(node, Addresses.TOKEN_MINT, MintRequest.newBuilder().setIssuerId(issuer).setOwnerId(owner).setReference("metrics")
      .setDenomination(denomination).setCount(count).build(), MintReply.class);
  }

  private static <R extends com.google.protobuf.Message> R ask(JuiceNode node, String address, com.google.protobuf.Message request,
                                                                Class<R> type) throws Exception {
    return Bus.request(node.vertx().eventBus(), address, request, TIMEOUT_MS, type).await(TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
  }
}
