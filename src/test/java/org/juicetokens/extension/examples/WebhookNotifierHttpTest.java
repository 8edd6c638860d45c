package org.juicetokens.extension.examples;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.juicetokens.extension.spi.ExtensionContext;
import org.juicetokens.extension.spi.Hook;
import org.juicetokens.extension.spi.HookEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebhookNotifier against a real local HTTP receiver, over real HTTP: a receiver that answers 503
 * to its first requests then accepts, and a port where nothing listens (connection refused).
 * The extension runs on its own Vert.x context as the runtime runs it.
 */
class WebhookNotifierHttpTest {
  private Vertx vertx;
  private WebClient client;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  /** The node's side of post and after, done for real (HTTP POST with the web client, a Vert.x timer). */
  private final class HttpContext implements ExtensionContext {
    private final Map<String, String> config;
    final List<JsonObject> notifications = new CopyOnWriteArrayList<>();

    HttpContext(Map<String, String> config) {
      this.config = config;
    }

    @Override
    public String extensionId() {
      return "webhook-notifier";
    }

    @Override
    public Map<String, String> config() {
      return config;
    }

    @Override
    public Future<JsonObject> token(String tokenId) {
      return Future.failedFuture("not used");
    }

    @Override
    public Future<JsonObject> transfer(String transferId) {
      return Future.failedFuture("not used");
    }

    @Override
    public Future<JsonArray> attestations(String subjectId) {
      return Future.failedFuture("not used");
    }

    @Override
    public Future<JsonObject> attest(String attesterId, String subjectId, int strength, String statement) {
      return Future.failedFuture("not used");
    }

    @Override
    public Future<Void> notify(String kind, JsonObject payload) {
      notifications.add(new JsonObject().put("kind", kind).put("payload", payload));
      return Future.succeededFuture();
    }

    @Override
    public Future<Integer> post(String url, JsonObject body) {
      return client.postAbs(url).sendJsonObject(body).map(HttpResponse::statusCode);
    }

    @Override
    public Future<Void> after(long delayMs) {
      return vertx.timer(delayMs).mapEmpty();
    }
  }

  private static HookEvent event(String txId) {
    return new HookEvent(Hook.TRANSACTION_STATE, 7L, "node-a", new JsonObject().put("txId", txId).put("state", "COMMITTED"));
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** Starts the extension on its own context and delivers the events there; the extension. */
  private WebhookNotifier run(HttpContext context, HookEvent... events) throws Exception {
    WebhookNotifier notifier = new WebhookNotifier();
    Context extensionContext = vertx.getOrCreateContext();
    List<Future<Void>> accepted = new CopyOnWriteArrayList<>();
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    extensionContext.runOnContext(v -> notifier.start(context).onComplete(ar -> {
      for (HookEvent event : events) {
        accepted.add(notifier.onEvent(event));
      }
      done.complete();
    }));
    done.future().await(30, TimeUnit.SECONDS);
    assertThat(accepted).allMatch(Future::succeeded);
    return notifier;
  }

  @Test
  void a_receiver_failing_the_first_requests_gets_the_event_on_the_third_attempt() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    List<JsonObject> accepted = new CopyOnWriteArrayList<>();
    HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      if (requests.incrementAndGet() <= 2) {
        req.response().setStatusCode(503).end();
      } else {
        accepted.add(body.toJsonObject());
        req.response().setStatusCode(200).end();
      }
    })).listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS);
    HttpContext context = new HttpContext(Map.of("url", "http://127.0.0.1:" + server.actualPort() + "/hook", "backoffMs", "50"));

    WebhookNotifier notifier = run(context, event("tx-http"));

    eventually("the delivery", () -> notifier.delivered() == 1);
    assertThat(requests.get()).isEqualTo(3);
    assertThat(notifier.retried()).isEqualTo(2);
    assertThat(accepted).singleElement().satisfies(body -> {
      assertThat(body.getString("hook")).isEqualTo("transaction.state");
      assertThat(body.getString("nodeId")).isEqualTo("node-a");
      assertThat(body.getLong("atMs")).isEqualTo(7L);
      assertThat(body.getJsonObject("data").getString("txId")).isEqualTo("tx-http");
    });
  }

  @Test
  void a_refused_connection_is_retried_then_dropped() throws Exception {
    HttpServer gone = vertx.createHttpServer().requestHandler(req -> req.response().end()).listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS);
    int port = gone.actualPort();
    gone.close().await(30, TimeUnit.SECONDS);
    HttpContext context = new HttpContext(Map.of("url", "http://127.0.0.1:" + port + "/hook", "maxAttempts", "3", "backoffMs", "20"));

    WebhookNotifier notifier = run(context, event("tx-refused"));

    eventually("the drop", () -> notifier.dropped() == 1);
    assertThat(notifier.delivered()).isZero();
    assertThat(notifier.retried()).isEqualTo(2);
    assertThat(context.notifications).singleElement()
      .satisfies(n -> assertThat(n.getString("kind")).isEqualTo(WebhookNotifier.DROPPED_KIND));
  }
}
