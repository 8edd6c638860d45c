package org.juicetokens.extension.runtime;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.Errors;
import org.juicetokens.common.ProtobufCodec;
import org.juicetokens.extension.spi.Permission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExtensionFacadeTest {
  private Vertx vertx;
  private SimpleMeterRegistry registry;
  private ExtensionMeters meters;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    ProtobufCodec.register(vertx.eventBus());
    registry = new SimpleMeterRegistry();
    meters = new ExtensionMeters(registry);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private ExtensionFacade facade(Permission... permissions) {
    return new ExtensionFacade("probe", Map.of("threshold", "10"), new Grants(Set.of(permissions), Set.of()), vertx,
      vertx.createHttpClient(), meters, 2_000);
  }

  private static ErrorCode code(Runnable call) {
    try {
      call.run();
      throw new AssertionError("the call succeeded");
    } catch (RuntimeException e) {
      return Errors.toJuice(e).code();
    }
  }

  @Test
  void every_call_without_its_permission_is_denied_and_counted() {
    ExtensionFacade facade = facade(Permission.NOTIFY);
    assertThat(code(() -> await(facade.token("t")))).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(code(() -> await(facade.transfer("x")))).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(code(() -> await(facade.attestations("s")))).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(code(() -> await(facade.attest("a", "s", 50, "ok")))).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(meters.usage("probe").getLong("denied")).isEqualTo(4);
    assertThat(registry.get("juice.extension.denied").tags("extension", "probe", "permission", "tokens:read").counter().count())
      .isEqualTo(1.0);
    assertThat(code(() -> await(facade(Permission.TOKENS_READ).notify("k", new JsonObject())))).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(code(() -> await(facade(Permission.TOKENS_READ).post("http://localhost/", new JsonObject()))))
      .isEqualTo(ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void a_permitted_call_asks_the_node_and_fails_unavailable_when_nobody_answers() {
    assertThat(code(() -> await(facade(Permission.TOKENS_READ).token("t")))).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(meters.usage("probe").getLong("denied")).isZero();
  }

  @Test
  void notify_publishes_the_notification_node_locally() throws Exception {
    Promise<JsonObject> seen = Promise.promise();
    vertx.eventBus().<JsonObject>localConsumer(Addresses.EXTENSION_NOTIFICATIONS, m -> seen.tryComplete(m.body()))
      .completion().await(5, TimeUnit.SECONDS);
    await(facade(Permission.NOTIFY).notify("big-transfer", new JsonObject().put("amount", 5000)));
    JsonObject note = seen.future().await(5, TimeUnit.SECONDS);
    assertThat(note.getString("extensionId")).isEqualTo("probe");
    assertThat(note.getString("kind")).isEqualTo("big-transfer");
    assertThat(note.getJsonObject("payload").getInteger("amount")).isEqualTo(5000);
    assertThat(note.getLong("atMs")).isPositive();
    assertThat(code(() -> await(facade(Permission.NOTIFY).notify("", new JsonObject())))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void post_sends_json_and_answers_the_status_and_refuses_other_schemes() throws Exception {
    Promise<JsonObject> received = Promise.promise();
    HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      received.tryComplete(b.toJsonObject());
      req.response().setStatusCode(202).end();
    })).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    int status = await(facade(Permission.NOTIFY).post("http://127.0.0.1:" + server.actualPort() + "/hook", new JsonObject().put("a", 1)));
    assertThat(status).isEqualTo(202);
    assertThat(received.future().await(5, TimeUnit.SECONDS).getInteger("a")).isEqualTo(1);
    assertThat(code(() -> await(facade(Permission.NOTIFY).post("ftp://127.0.0.1/x", new JsonObject())))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(() -> await(facade(Permission.NOTIFY).post("file:///etc/passwd", new JsonObject())))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void a_refused_connection_fails_the_post_as_unavailable() throws Exception {
    HttpServer server = vertx.createHttpServer().requestHandler(req -> req.response().end()).listen(0, "127.0.0.1")
      .await(5, TimeUnit.SECONDS);
    int port = server.actualPort();
    server.close().await(5, TimeUnit.SECONDS);
    assertThat(code(() -> await(facade(Permission.NOTIFY).post("http://127.0.0.1:" + port + "/", new JsonObject()))))
      .isEqualTo(ErrorCode.UNAVAILABLE);
  }

  @Test
  void after_completes_after_the_delay_and_refuses_a_negative_one() {
    long start = System.nanoTime();
    await(facade().after(50));
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(40));
    assertThatThrownBy(() -> await(facade().after(-1))).hasMessageContaining("delay must be");
  }

  @Test
  void the_config_is_read_only() {
    assertThat(facade().config()).containsEntry("threshold", "10");
    assertThatThrownBy(() -> facade().config().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
