package org.juicetokens.governance.health;

import io.vertx.core.Deployable;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.deployment.DeploymentContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.common.Addresses;
import org.juicetokens.foundation.storage.StorageVerticle;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.Cli;
import org.juicetokens.testing.HttpApi;
import org.juicetokens.testing.InJvmClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** One real node: the health model over the layers' procedures, the node's own probes, /health, details, CLI, event, gauges. */
class NodeHealthTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir
  Path dir;

  private JuiceNode start(String id, Map<String, String> extra) throws Exception {
    Map<String, String> settings = new java.util.HashMap<>(Map.of("health.evaluateIntervalMs", "200", "health.probeIntervalMs", "100"));
    settings.putAll(extra);
    return InJvmClusters.startCluster(dir, List.of(id), settings).get(0);
  }

  static HttpResponse<String> get(JuiceNode node, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path)).timeout(Duration.ofSeconds(30)).build(),
      HttpResponse.BodyHandlers.ofString());
  }

  static JsonObject details(JuiceNode node) throws Exception {
    return HttpApi.call(node.httpPort(), "GET", "/api/v1/health/details", null, 200);
  }

  static JsonObject component(JsonObject details, String id) {
    return details.getJsonArray("components").stream().map(JsonObject.class::cast).filter(c -> id.equals(c.getString("id")))
      .findFirst().orElseThrow(() -> new AssertionError("no component " + id + " in " + details.encodePrettily()));
  }

  static JsonObject eventually(JuiceNode node, String what, Predicate<JsonObject> done) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    JsonObject last = details(node);
    while (!done.test(last)) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(what + " not reached in 60 s: " + last.encodePrettily());
      }
      Thread.sleep(100);
      last = details(node);
    }
    return last;
  }

  @Test
  void health_answers_while_the_storage_workers_are_held_and_reports_their_queue() throws Exception {
    JuiceNode node = start("held", Map.of("storage.workerThreads", "2", "health.workerQueueDegraded", "3", "node.requestTimeoutMs", "1500"));
    // the node's own storage pool (shared by name): both threads held by a latch, three more tasks queued
    WorkerExecutor storagePool = node.vertx().createSharedWorkerExecutor("juice-storage", 2);
    CountDownLatch release = new CountDownLatch(1);
    try {
      for (int i = 0; i < 5; i++) {
        storagePool.executeBlocking(() -> release.await(120, TimeUnit.SECONDS), false);
      }
      // the identity layer's keystore probe reads the store: it times out (slow, not broken) and says so
      JsonObject held = eventually(node, "the storage queue in the workers component, the keystore probe timed out",
        d -> "DEGRADED".equals(component(d, "workers").getString("status")) && "DEGRADED".equals(component(d, "identity").getString("status")));
      assertThat(component(held, "identity").getString("reason")).startsWith("keystore read timed out");
      JsonObject workers = component(held, "workers");
      JsonObject pool = new JsonObject(workers.getString("dataJson")).getJsonArray("pools").stream().map(JsonObject.class::cast)
        .filter(p -> "juice-storage".equals(p.getString("name"))).findFirst().orElseThrow();
      // our three, plus whatever the node's layers asked of the store meanwhile (they wait too)
      assertThat(pool.getLong("queued")).isGreaterThanOrEqualTo(3);
      assertThat(pool.getLong("active")).isEqualTo(2);
      assertThat(pool.getDouble("usagePercent")).isEqualTo(100.0);
      assertThat(workers.getDouble("loadPercent")).isEqualTo(100.0);
      assertThat(workers.getString("reason")).endsWith("tasks waiting for a thread of worker pool juice-storage");

      // /health answers from memory: the storage procedure does not wait for the held pool
      HttpResponse<String> health = get(node, "/health");
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      JsonObject storage = new JsonObject(health.body()).getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> "storage".equals(c.getString("id"))).findFirst().orElseThrow();
      assertThat(storage.getJsonObject("data").getString("status")).isEqualTo("UP");

      // a lone node has no adequate time (DEGRADED) and a queue: bin/juice health exits 2
      // (asked again if a procedure missed its 1 s once under the machine's load: that one answer is DOWN)
      Cli.Run run = Cli.run("health", "--node", "127.0.0.1:" + node.httpPort());
      for (int i = 0; i < 5 && run.exit() == 1; i++) {
        Thread.sleep(500);
        run = Cli.run("health", "--node", "127.0.0.1:" + node.httpPort());
      }
      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
      assertThat(run.out()).contains("node held: DEGRADED", "resources: cpu", "workers", "tasks waiting for a thread");
    } finally {
      release.countDown();
      storagePool.close();
      node.close().await(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void stopping_the_store_turns_storage_and_the_node_down_and_says_so_on_the_bus_and_in_the_gauges() throws Exception {
    JuiceNode node = start("store", Map.of());
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> consumer = node.vertx().eventBus().localConsumer(Addresses.HEALTH_CHANGED, m -> events.add(m.body()));
    try {
      JsonObject before = eventually(node, "the node's own components", d -> d.getJsonArray("components").size() >= 10);
      assertThat(component(before, "storage").getString("status")).isEqualTo("UP");
      assertThat(component(before, "eventloop").getBoolean("hasLoad")).isTrue();
      assertThat(before.getJsonObject("resources").getString("heapMaxBytes")).isNotEqualTo("0");
      assertThat(before.getString("overall")).isNotEqualTo("DOWN");
      // the node's first evaluation (the event sent once after start) must precede the fault: under
      // load it can come late, and would then report storage DOWN with no UP before it
      long firstDeadline = System.currentTimeMillis() + 30_000;
      while (events.stream().noneMatch(e -> "UP".equals(e.getJsonObject("components").getString("storage")))
        && System.currentTimeMillis() < firstDeadline) {
        Thread.sleep(100);
      }
      assertThat(events).as("an evaluation with storage UP before the store stops")
        .anyMatch(e -> "UP".equals(e.getJsonObject("components").getString("storage")));

      undeploy(node, StorageVerticle.class);

      JsonObject after = eventually(node, "storage DOWN", d -> "DOWN".equals(component(d, "storage").getString("status")));
      assertThat(after.getString("overall")).isEqualTo("DOWN");
      assertThat(after.getBoolean("up", false)).isFalse();
      assertThat(component(after, "storage").getString("reason")).isEqualTo("store closed");
      assertThat(get(node, "/health").statusCode()).isEqualTo(503);
      assertThat(Cli.run("health", "--node", "127.0.0.1:" + node.httpPort()).exit()).isEqualTo(1);

      long deadline = System.currentTimeMillis() + 30_000;
      while (events.stream().noneMatch(NodeHealthTest::storageWentDown) && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      JsonObject down = events.stream().filter(NodeHealthTest::storageWentDown).findFirst().orElseThrow(() -> new AssertionError(events));
      assertThat(down.getString("nodeId")).isEqualTo("store");
      assertThat(down.getString("overall")).isEqualTo("DOWN");
      assertThat(down.getJsonObject("components").getString("storage")).isEqualTo("DOWN");

      String metrics = get(node, "/metrics").body();
      assertThat(metrics).containsPattern("juice_health_status\\{component=\"storage\",node=\"store\"} 2\\.0")
        .containsPattern("juice_health_overall_status\\{node=\"store\"} 2\\.0")
        .contains("# HELP juice_eventloop_delay_seconds", "juice_health_load_ratio{component=\"eventloop\"");
    } finally {
      consumer.unregister();
      node.close().await(60, TimeUnit.SECONDS);
    }
  }

  private static boolean storageWentDown(JsonObject event) {
    JsonArray changes = event.getJsonArray("changes");
    return changes.stream().map(JsonObject.class::cast)
      .anyMatch(c -> "storage".equals(c.getString("component")) && "DOWN".equals(c.getString("status")) && "UP".equals(c.getString("previous")));
  }

  /** Undeploys the node's verticle of that class (as a failing layer would go away). */
  static void undeploy(JuiceNode node, Class<? extends Deployable> type) throws Exception {
    VertxInternal vertx = (VertxInternal) node.vertx();
    String id = vertx.deploymentManager().deployments().stream()
      .filter(d -> d.deployment().instances().stream().anyMatch(type::isInstance))
      .map(DeploymentContext::id).findFirst().orElseThrow();
    node.vertx().undeploy(id).await(30, TimeUnit.SECONDS);
  }
}
