package org.juicetokens.governance.admin;

import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.juicetokens.api.Await;
import org.juicetokens.api.EdgeTestNode;
import org.juicetokens.common.Addresses;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeStatus;
import org.juicetokens.governance.metrics.Layer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** /admin/events: snapshots and discrete events per connection, and nothing left behind when the client goes. */
class AdminEventsTest {
  private static EdgeTestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = EdgeTestNode.start(Map.of("admin.maxConnections", "2"), true);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  /** An open event stream (on its own client, so closing it leaves no pooled connection) and its events so far. */
  private record Stream(HttpClient client, HttpClientResponse response, List<SseEvent> events) {
    long count(String type) {
      return events.stream().filter(e -> e.type().equals(type)).count();
    }

    void close() {
      Await.result(client.close());
    }
  }

  private record SseEvent(String type, JsonObject data) {
  }

  private static Stream open() {
    List<SseEvent> events = new CopyOnWriteArrayList<>();
    StringBuilder pending = new StringBuilder();
    HttpClient http = node.vertx.createHttpClient();
    HttpClientResponse response = Await.result(http.request(HttpMethod.GET, node.port, "127.0.0.1", "/admin/events")
      .compose(req -> req.send())
      .compose(resp -> {
        resp.handler(chunk -> {
          pending.append(chunk.toString());
          int end;
          while ((end = pending.indexOf("\n\n")) >= 0) {
            String block = pending.substring(0, end);
            pending.delete(0, end + 2);
            parse(block, events);
          }
        });
        return Future.succeededFuture(resp);
      }));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).startsWith("text/event-stream");
    return new Stream(http, response, events);
  }

  private static void parse(String block, List<SseEvent> events) {
    String type = null;
    String data = null;
    for (String line : block.split("\n")) {
      if (line.startsWith("event: ")) {
        type = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data = line.substring(6);
      }
    }
    if (type != null && data != null) {
      events.add(new SseEvent(type, new JsonObject(data)));
    }
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static double openGauge() {
    Gauge gauge = node.context.registry().find(AdminEventsHandler.CONNECTIONS_GAUGE).gauge();
    return gauge == null ? -1 : gauge.value();
  }

  @Test
  void stream_delivers_snapshots_with_every_section() throws Exception {
    Stream stream = open();
    try {
      eventually("two snapshots", () -> stream.count("snapshot") >= 2);
      JsonObject snapshot = stream.events().stream().filter(e -> e.type().equals("snapshot")).findFirst().orElseThrow().data();
      assertThat(snapshot.getString("nodeId")).isEqualTo("edge");
      assertThat(snapshot.getJsonObject("health").getBoolean("up")).isTrue();
      assertThat(snapshot.getJsonObject("cluster").getInteger("members")).isEqualTo(1);
      assertThat(snapshot.getJsonObject("storage").getDouble("utilisation")).isEqualTo(0.35);
      assertThat(snapshot.getJsonObject("storage").getBoolean("up")).isTrue();
      assertThat(snapshot.getJsonObject("dht").getJsonArray("members")).hasSize(2);
      assertThat(snapshot.getJsonObject("dht").getDouble("getLatencyP99Ms")).isEqualTo(1.9);
      assertThat(snapshot.getJsonObject("time").getString("status")).isEqualTo("CONSENSUS");
      assertThat(snapshot.getJsonObject("time").getJsonArray("sources")).hasSize(3);
      assertThat(snapshot.getJsonObject("operations").getJsonArray("layers").stream()
        .map(l -> ((JsonObject) l).getString("layer"))).contains(Layer.TIME.tag());
      assertThat(snapshot.getJsonArray("recentErrors")).isNotNull();
    } finally {
      stream.close();
    }
  }

  @Test
  void cluster_and_time_changes_are_forwarded_as_discrete_events() throws Exception {
    Stream stream = open();
    try {
      eventually("a first snapshot", () -> stream.count("snapshot") >= 1);
      node.vertx.eventBus().publish(Addresses.CLUSTER_MEMBERSHIP, new JsonObject().put("event", "added").put("nodeId", "peer-c"));
      node.vertx.eventBus().publish(Addresses.TIME_STATUS, TimeReading.newBuilder().setStatus(TimeStatus.INADEQUATE)
        .setConfidence(10).setReason("jump").build());
      eventually("cluster and time events", () -> stream.count("cluster") >= 1 && stream.count("time") >= 1);
      SseEvent cluster = stream.events().stream().filter(e -> e.type().equals("cluster")).findFirst().orElseThrow();
      assertThat(cluster.data().getString("nodeId")).isEqualTo("peer-c");
      SseEvent time = stream.events().stream().filter(e -> e.type().equals("time")).findFirst().orElseThrow();
      assertThat(time.data().getString("status")).isEqualTo("INADEQUATE");
    } finally {
      stream.close();
    }
  }

  @Test
  void timer_and_consumers_are_released_when_the_client_goes() throws Exception {
    Stream stream = open();
    eventually("a first snapshot", () -> stream.count("snapshot") >= 1);
    assertThat(openGauge()).isEqualTo(1.0);
    stream.close();
    eventually("the gauge back to 0", () -> openGauge() == 0.0);

    // no consumer is left on the discrete-event addresses: a node-local point-to-point send finds no handler
    // (local only: the answer must not depend on a lookup in the cluster's subscription map)
    for (String address : new String[] {Addresses.CLUSTER_MEMBERSHIP, Addresses.TIME_STATUS}) {
      Throwable failure = Await.result(node.vertx.eventBus().request(address, new JsonObject(),
          new DeliveryOptions().setSendTimeout(5000).setLocalOnly(true))
        .transform(ar -> Future.succeededFuture(ar.cause())));
      assertThat(failure).isInstanceOf(ReplyException.class);
      assertThat(((ReplyException) failure).failureType()).as(address).isEqualTo(ReplyFailure.NO_HANDLERS);
    }

    // no timer is left: the layers are not asked for snapshots any more (interval 300 ms)
    long before = timeReadings();
    Thread.sleep(1500);
    assertThat(timeReadings()).isEqualTo(before);
  }

  private static long timeReadings() {
    JsonObject totals = node.context.instrumented().stats().layerTotals(Layer.TIME);
    return totals.getLong("ok") + totals.getLong("failed");
  }

  @Test
  void streams_beyond_the_limit_are_refused_with_503() throws Exception {
    Stream first = open();
    Stream second = open();
    try {
      eventually("two open streams", () -> openGauge() == 2.0);
      HttpClient http = node.vertx.createHttpClient();
      try {
        // the body is read in the same chain: a body handler set later from this thread could miss the data;
        // a stream accepted by mistake (200) answers at once with its status instead of never ending
        Map.Entry<Integer, String> third = Await.result(http.request(HttpMethod.GET, node.port, "127.0.0.1", "/admin/events")
          .compose(req -> req.send())
          .compose(resp -> resp.statusCode() == 200
            ? Future.succeededFuture(Map.entry(200, "a third stream was accepted; gauge " + openGauge()))
            : resp.body().map(body -> Map.entry(resp.statusCode(), body.toString()))));
        assertThat(third.getKey()).as(third.getValue()).isEqualTo(503);
        assertThat(new JsonObject(third.getValue()).getString("code")).isEqualTo("UNAVAILABLE");
      } finally {
        Await.result(http.close());
      }
    } finally {
      first.close();
      second.close();
    }
    eventually("the gauge back to 0", () -> openGauge() == 0.0);
  }
}
