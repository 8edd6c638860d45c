package org.juicetokens.api.http;

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
import org.juicetokens.common.Addresses;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.InJvmClusters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/v1/extensions/notifications on a real node, over HTTP/1.1: what is published on
 * jt.extension.notifications arrives as {@code event: notification}, the ?extension= filter,
 * heartbeats, and nothing left behind when the client goes.
 */
class ExtensionNotificationsStreamTest {
  @TempDir
  static Path tmp;
  private static JuiceNode node;

  @BeforeAll
  static void start() throws Exception {
    node = InJvmClusters.startCluster(tmp, List.of("sse"), Map.of("extension.notificationsHeartbeatMs", "300")).get(0);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      InJvmClusters.closeAll(List.of(node));
    }
  }

  /** An open stream on its own client (closing it leaves no pooled connection): the raw text (written by the client's event loop) and the notifications so far. */
  private record Stream(HttpClient client, StringBuffer raw, List<JsonObject> notifications) {
    void close() {
      Await.result(client.close());
    }

    String text() {
      return raw.toString();
    }
  }

  private static Stream open(String query) {
    List<JsonObject> notifications = new CopyOnWriteArrayList<>();
    StringBuffer raw = new StringBuffer();
    StringBuilder pending = new StringBuilder();
    HttpClient http = node.vertx().createHttpClient();
    HttpClientResponse response = Await.result(http.request(HttpMethod.GET, node.httpPort(), "127.0.0.1",
        ExtensionNotificationsHandler.PATH + query)
      .compose(req -> req.send())
      .compose(resp -> {
        resp.handler(chunk -> {
          raw.append(chunk.toString());
          pending.append(chunk.toString());
          int end;
          while ((end = pending.indexOf("\n\n")) >= 0) {
            String block = pending.substring(0, end);
            pending.delete(0, end + 2);
            if (block.startsWith("event: notification\ndata: ")) {
              notifications.add(new JsonObject(block.substring(block.indexOf("data: ") + 6)));
            }
          }
        });
        return Future.succeededFuture(resp);
      }));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).startsWith("text/event-stream");
    Stream stream = new Stream(http, raw, notifications);
    // the consumer is registered before the head is written: once this comment is read, nothing published is missed
    try {
      eventually("the subscription comment", () -> stream.text().contains(": subscribed"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return stream;
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(25);
    }
  }

  private static JsonObject notification(String extensionId, String kind, long atMs) {
    return new JsonObject().put("extensionId", extensionId).put("kind", kind)
      .put("payload", new JsonObject().put("txId", "tx-" + atMs).put("amountHundredths", 150_000)).put("atMs", atMs);
  }

  private static void publish(JsonObject notification) {
    node.vertx().eventBus().publish(Addresses.EXTENSION_NOTIFICATIONS, notification);
  }

  private static double openGauge() {
    Gauge gauge = node.context().registry().find(ExtensionNotificationsHandler.STREAMS_GAUGE).gauge();
    return gauge == null ? -1 : gauge.value();
  }

  @Test
  void every_notification_published_on_the_node_is_streamed() throws Exception {
    Stream stream = open("");
    try {
      publish(notification("token-watcher", "large-transfer", 1));
      publish(notification("webhook-notifier", "webhook-dropped", 2));
      eventually("two notifications", () -> stream.notifications().size() >= 2);
      assertThat(stream.notifications()).extracting(n -> n.getString("extensionId")).containsExactly("token-watcher", "webhook-notifier");
      JsonObject first = stream.notifications().get(0);
      assertThat(first.getString("kind")).isEqualTo("large-transfer");
      assertThat(first.getLong("atMs")).isEqualTo(1L);
      assertThat(first.getJsonObject("payload").getString("txId")).isEqualTo("tx-1");
    } finally {
      stream.close();
    }
  }

  @Test
  void the_extension_filter_keeps_one_extension_only() throws Exception {
    Stream stream = open("?extension=token-watcher");
    try {
      publish(notification("webhook-notifier", "webhook-dropped", 10));
      publish(notification("token-watcher", "large-transfer", 11));
      // text (encoded JSON) is accepted as well as a JsonObject
      node.vertx().eventBus().publish(Addresses.EXTENSION_NOTIFICATIONS, notification("token-watcher", "large-transfer", 12).encode());
      eventually("the token watcher's notifications", () -> stream.notifications().size() >= 2);
      // delivered in publish order: had the other extension's passed the filter, it would be first
      assertThat(stream.notifications()).extracting(n -> n.getLong("atMs")).containsExactly(11L, 12L);
    } finally {
      stream.close();
    }
  }

  @Test
  void heartbeats_keep_the_stream_alive() throws Exception {
    Stream stream = open("");
    try {
      eventually("two heartbeats", () -> stream.text().split(": heartbeat", -1).length >= 3);
    } finally {
      stream.close();
    }
  }

  @Test
  void consumer_and_timer_are_released_when_the_client_goes() throws Exception {
    Stream stream = open("");
    eventually("one open stream", () -> openGauge() == 1.0);
    stream.close();
    eventually("the gauge back to 0", () -> openGauge() == 0.0);
    // no consumer is left on the address: a node-local send finds no handler
    Throwable failure = Await.result(node.vertx().eventBus().request(Addresses.EXTENSION_NOTIFICATIONS, new JsonObject(),
        new DeliveryOptions().setSendTimeout(5000).setLocalOnly(true))
      .transform(ar -> Future.succeededFuture(ar.cause())));
    assertThat(failure).isInstanceOf(ReplyException.class);
    assertThat(((ReplyException) failure).failureType()).isEqualTo(ReplyFailure.NO_HANDLERS);
  }

  @Test
  void a_malformed_extension_filter_is_refused_with_400() throws Exception {
    HttpClient http = node.vertx().createHttpClient();
    try {
      Map.Entry<Integer, String> answer = Await.result(http.request(HttpMethod.GET, node.httpPort(), "127.0.0.1",
          ExtensionNotificationsHandler.PATH + "?extension=NOT%20AN%20ID")
        .compose(req -> req.send())
        .compose(resp -> resp.body().map(body -> Map.entry(resp.statusCode(), body.toString()))));
      assertThat(answer.getKey()).isEqualTo(400);
      assertThat(new JsonObject(answer.getValue()).getString("code")).isEqualTo("INVALID_ARGUMENT");
    } finally {
      Await.result(http.close());
    }
  }
}
