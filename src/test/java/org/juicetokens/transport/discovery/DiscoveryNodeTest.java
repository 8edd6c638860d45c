package org.juicetokens.transport.discovery;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.node.Main;
import org.juicetokens.node.NodeKey;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.transport.discovery.proto.DiscoveryMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One node (a cluster of one) with a STATIC bootstrap peer: the HTTP and CLI faces of discovery,
 * its health, and the node key never leaving the key file (logs captured at DEBUG from start).
 */
class DiscoveryNodeTest {
  private static final String STATIC_PEER = "ws://198.51.100.7:8080/pipe";
  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
  private static final Logger JUICE = (Logger) LoggerFactory.getLogger("org.juicetokens");
  private static final Logger OPERATIONS = (Logger) LoggerFactory.getLogger("org.juicetokens.operations");
  private static Path dataDir;
  private static JuiceNode node;
  private static Vertx client;

  @BeforeAll
  static void start() throws Exception {
    LOGS.start();
    JUICE.addAppender(LOGS);
    JUICE.setAdditive(false);
    JUICE.setLevel(Level.DEBUG);
    OPERATIONS.setLevel(Level.DEBUG);
    dataDir = Files.createTempDirectory("discovery-node");
    node = JuiceNode.start(NodeConfig.of(Map.of("node.id", "solo", "http.port", "0", "node.dataDir", dataDir.toString(),
      "cluster.name", "test-" + UUID.randomUUID(), "cluster.port", String.valueOf(FreePorts.next()), "cluster.fastJoin", "true",
      "transport.peers", STATIC_PEER))).await(90, TimeUnit.SECONDS);
    client = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      client.close().await(10, TimeUnit.SECONDS);
      node.close().await(30, TimeUnit.SECONDS);
    } finally {
      JUICE.detachAppender(LOGS);
      JUICE.setAdditive(true);
      JUICE.setLevel(null);
      OPERATIONS.setLevel(Level.WARN);
    }
  }

  private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> get(String path) throws Exception {
    return WebClient.create(client).get(node.httpPort(), "127.0.0.1", path).send().await(20, TimeUnit.SECONDS);
  }

  private record Run(int exit, String out, String err) {
  }

  private static Run peers(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      List<String> all = new ArrayList<>(List.of("peers"));
      all.addAll(List.of(args));
      int exit = Main.commandLine().execute(all.toArray(String[]::new));
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  @Test
  void the_peer_table_holds_the_static_bootstrap_peer_and_not_this_node() throws Exception {
    var response = get("/api/v1/peers");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject peer = response.bodyAsJsonObject().getJsonArray("peers").getJsonObject(0);
    assertThat(response.bodyAsJsonObject().getJsonArray("peers")).hasSize(1);
    assertThat(peer.getString("id")).isEqualTo(STATIC_PEER);
    assertThat(peer.getString("method")).isEqualTo("STATIC");
    assertThat(peer.getJsonArray("addresses").getList()).containsExactly("198.51.100.7:8080");
  }

  @Test
  void discovery_by_one_method_over_http_answers_with_its_peers() throws Exception {
    var byStatic = get("/api/v1/peers:discover?method=STATIC&timeoutMs=2000");
    var byCluster = get("/api/v1/peers:discover?method=cluster&maxResults=5");

    assertThat(byStatic.statusCode()).isEqualTo(200);
    assertThat(byStatic.bodyAsJsonObject().getBoolean("success")).isTrue();
    assertThat(byStatic.bodyAsJsonObject().getJsonArray("peers").getJsonObject(0).getString("pipeEndpoint")).isEqualTo(STATIC_PEER);
    assertThat(byCluster.bodyAsJsonObject().getJsonArray("peers")).isEmpty();
    assertThat(byCluster.bodyAsJsonObject().getBoolean("success")).isTrue();
  }

  @Test
  void bad_discovery_parameters_are_invalid_argument() throws Exception {
    for (String query : List.of("method=CARRIER_PIGEON", "timeoutMs=-5", "timeoutMs=600000", "maxResults=-1", "timeoutMs=soon")) {
      var response = get("/api/v1/peers:discover?" + query);
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("code")).as(query).isEqualTo("INVALID_ARGUMENT");
    }
  }

  @Test
  void health_and_metrics_report_discovery() throws Exception {
    JsonObject health = get("/health").bodyAsJsonObject();
    JsonObject discovery = health.getJsonArray("checks").stream().map(JsonObject.class::cast)
      .filter(c -> c.getString("id").equals("discovery")).findFirst().orElseThrow();
    String metrics = get("/metrics").bodyAsString();

    assertThat(discovery.getString("status")).isEqualTo("UP");
    assertThat(discovery.getJsonObject("data").getInteger("activePeers")).isEqualTo(1);
    assertThat(discovery.getJsonObject("data").getJsonObject("byMethod").getInteger("STATIC")).isEqualTo(1);
    assertThat(metrics).contains("juice_discovery_peers_active{", "juice_discovery_duration_seconds_count{",
      "juice_discovery_peers_found{", "juice_discovery_rejected_total{");
    assertThat(metrics).containsPattern("juice_discovery_peers_found\\{[^}]*method=\"STATIC\"[^}]*} 1");
  }

  @Test
  void the_peers_command_lists_the_table_and_discovers_by_method() {
    Run table = peers("--node", "127.0.0.1:" + node.httpPort());
    Run byStatic = peers("--node", "127.0.0.1:" + node.httpPort(), "--method", "STATIC");

    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).contains("1 peer(s)", STATIC_PEER, "STATIC");
    assertThat(byStatic.exit()).as(byStatic.err()).isZero();
    assertThat(byStatic.out()).contains("discovered by STATIC", STATIC_PEER);
  }

  @Test
  void the_peers_command_refuses_an_unknown_method_and_reports_an_unreachable_node() throws Exception {
    int unused;
    try (ServerSocket socket = new ServerSocket(0)) {
      unused = socket.getLocalPort();
    }
    Run badMethod = peers("--node", "127.0.0.1:" + node.httpPort(), "--method", "SMOKE");
    Run unreachable = peers("--node", "127.0.0.1:" + unused, "--timeout", "3");

    assertThat(badMethod.exit()).isEqualTo(2);
    assertThat(badMethod.err()).contains("CLUSTER, DNS, STATIC or ALL");
    assertThat(unreachable.exit()).isEqualTo(3);
    assertThat(unreachable.err()).contains("unreachable");
  }

  @Test
  void the_node_key_appears_in_no_log_line_answer_or_metric() throws Exception {
    // one more round, so discovery, advertisement and DHT lines are in the capture
    DiscoveryTestSupport.discover(node, DiscoveryMethod.DISCOVERY_METHOD_UNSPECIFIED);
    String[] parts = Files.readString(dataDir.resolve("solo").resolve(NodeKey.FILE_NAME)).trim().split(" ");
    byte[] seed = Base64.getDecoder().decode(parts[1]);
    List<String> secretForms = List.of(parts[1], HexFormat.of().formatHex(seed), Base64.getUrlEncoder().encodeToString(seed));

    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : List.copyOf(LOGS.list)) {
      lines.add(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        lines.add(t.getMessage());
      }
    }
    String answers = String.join("\n", get("/metrics").bodyAsString(), get("/health").bodyAsString(),
      get("/api/v1/peers").bodyAsString(), get("/api/v1/health/details").bodyAsString(),
      get("/api/v1/peers:discover").bodyAsString());

    assertThat(lines).as("captured log lines").hasSizeGreaterThan(10)
      .anyMatch(l -> l != null && l.contains("node key created"));
    for (String secret : secretForms) {
      assertThat(lines).noneMatch(l -> l != null && l.contains(secret));
      assertThat(answers).doesNotContain(secret);
    }
  }
}
