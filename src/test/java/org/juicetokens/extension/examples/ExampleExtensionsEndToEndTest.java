package org.juicetokens.extension.examples;

import com.google.protobuf.util.JsonFormat;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.extension.proto.ExtensionManifest;
import org.juicetokens.extension.runtime.ExtensionHost;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.node.NodeContext;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped extensions through the real runtime on a real two-node cluster: their manifests
 * (conf/extensions) activated on node a, real transfers, the token watcher's notifications read
 * over HTTP from node a's SSE stream, the webhook notifier's POSTs received by a local HTTP
 * server that refuses its first requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleExtensionsEndToEndTest {
  private static final long TIMEOUT_MS = 60_000;
  private List<JuiceNode> nodes;
  private JuiceNode a;
  private ExtensionHost host;
  private HttpServer receiver;
  private final AtomicInteger received = new AtomicInteger();
  private final List<JsonObject> accepted = new CopyOnWriteArrayList<>();
  private final AtomicInteger references = new AtomicInteger();

  /** Runs the host on its own verticle's context, as the node does. */
  private static final class HostVerticle extends VerticleBase {
    private final NodeContext node;
    private volatile ExtensionHost host;

    HostVerticle(NodeContext node) {
      this.node = node;
    }

    @Override
    public Future<?> start() {
      host = new ExtensionHost(vertx, node);
      return host.start();
    }

    @Override
    public Future<?> stop() {
      return host.close();
    }
  }

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    nodes = InJvmClusters.startCluster(tmp, List.of("a", "b"), Map.of("time.peerPollIntervalMs", "300", "tx.deadlineMs", "8000",
      "tx.retryMs", "300", "tx.maxRetryMs", "1000"));
    a = nodes.get(0);
    eventually("2 members, cluster safe", () -> a.context().hazelcast().getCluster().getMembers().size() == 2
      && a.context().hazelcast().getPartitionService().isClusterSafe());
    InJvmClusters.awaitAdequateTime(nodes);
    HostVerticle verticle = new HostVerticle(a.context());
    a.vertx().deployVerticle(verticle).await(30, TimeUnit.SECONDS);
    host = verticle.host;
    // the webhook receiver: 503 to its first two requests, then 200
    receiver = a.vertx().createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      if (received.incrementAndGet() <= 2) {
        req.response().setStatusCode(503).end();
      } else {
        accepted.add(body.toJsonObject());
        req.response().setStatusCode(200).end();
      }
    })).listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  void stop() throws Exception {
    if (receiver != null) {
      receiver.close().await(30, TimeUnit.SECONDS);
    }
    if (nodes != null) {
      InJvmClusters.closeAll(nodes);
    }
  }

  @Test
  void large_committed_transfers_reach_the_sse_stream_once_and_events_reach_the_webhook() throws Exception {
    host.activate(manifest("token-watcher", Map.of("thresholdHundredths", "1000"))).await(30, TimeUnit.SECONDS);
    host.activate(manifest("webhook-notifier", Map.of("url", "http://127.0.0.1:" + receiver.actualPort() + "/hook",
      "backoffMs", "100"))).await(30, TimeUnit.SECONDS);
    List<JsonObject> notifications = new CopyOnWriteArrayList<>();
    HttpClient sse = openStream(notifications);
    try {
      String alice = identity(a, "Alice");
      String carol = identity(a, "Carol");
      String bob = identity(nodes.get(1), "Bob");
      // whole units enough for exact payments and change both ways
      mint(alice, 1, 10);
      mint(alice, 10, 6);
      mint(bob, 1, 10);
      mint(bob, 5, 2);
      mint(carol, 1, 10);
      mint(carol, 5, 2);

      Transfer small = transfer(alice, bob, 300);
      Transfer crossNode = transfer(alice, bob, 1234);
      Transfer sameNode = transfer(alice, carol, 1100);
      // both sides of sameNode are node a's: wait for the payee's acknowledgement (its COMMITTED came first)
      eventually("the payee applied " + sameNode.getTxId(), () -> finalized(sameNode.getTxId()));
      Transfer last = transfer(alice, bob, 1500);
      eventually("the last transfer's notification", () -> notifications.stream()
        .anyMatch(n -> last.getTxId().equals(n.getJsonObject("payload").getString("txId"))));

      assertThat(notifications).allSatisfy(n -> {
        assertThat(n.getString("extensionId")).isEqualTo("token-watcher");
        assertThat(n.getString("kind")).isEqualTo(TokenWatcher.KIND);
      });
      assertThat(notifications).extracting(n -> n.getJsonObject("payload").getString("txId"))
        .containsExactly(crossNode.getTxId(), sameNode.getTxId(), last.getTxId())
        .doesNotContain(small.getTxId());
      JsonObject first = notifications.get(0).getJsonObject("payload");
      assertThat(first.getLong("amountHundredths")).isEqualTo(1234);
      assertThat(first.getString("amount")).isEqualTo("12.34");
      assertThat(first.getString("payer")).isEqualTo(alice);
      assertThat(first.getString("payee")).isEqualTo(bob);

      // the webhook got node a's transfer events after two refusals
      eventually("a COMMITTED event POSTed", () -> accepted.stream().anyMatch(b -> "transaction.state".equals(b.getString("hook"))
        && "COMMITTED".equals(b.getJsonObject("data").getString("state"))));
      assertThat(accepted).allSatisfy(b -> assertThat(b.getString("nodeId")).isEqualTo("a"));
      assertThat(host.usage("webhook-notifier").getLong("errors", 0L)).isZero();
    } finally {
      sse.close().await(30, TimeUnit.SECONDS);
      host.deactivate("token-watcher").await(30, TimeUnit.SECONDS);
      host.deactivate("webhook-notifier").await(30, TimeUnit.SECONDS);
    }
  }

  private static ExtensionManifest manifest(String id, Map<String, String> config) throws Exception {
    ExtensionManifest.Builder builder = ExtensionManifest.newBuilder();
    JsonFormat.parser().merge(Files.readString(Path.of("conf/extensions/" + id + ".json")), builder);
    return builder.putAllConfig(config).build();
  }

  private HttpClient openStream(List<JsonObject> notifications) throws Exception {
    StringBuffer raw = new StringBuffer();
    StringBuilder pending = new StringBuilder();
    HttpClient http = a.vertx().createHttpClient();
    HttpClientResponse response = http.request(HttpMethod.GET, a.httpPort(), "127.0.0.1",
        "/api/v1/extensions/notifications?extension=token-watcher")
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
      }).await(30, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    eventually("the subscription", () -> raw.toString().contains(": subscribed"));
    return http;
  }

  private boolean finalized(String txId) {
    try {
      return ask(a, Addresses.TX_GET, org.juicetokens.api.v1.GetTransferRequest.newBuilder().setTxId(txId).build(), Transfer.class)
        .getFinalized();
    } catch (Exception e) {
      return false;
    }
  }

  private static String identity(JuiceNode node, String name) throws Exception {
    return ask(node, Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName(name).build(), IdentityView.class)
      .getDocument().getId();
  }

  private MintReply mint(String owner, int denomination, int count) throws Exception {
    return ask(a, Addresses.TOKEN_MINT, MintRequest.newBuilder().setIssuerId(owner).setOwnerId(owner)
      .setReference("examples" + references.incrementAndGet()).setDenomination(denomination).setCount(count).build(), MintReply.class);
  }

  private Transfer transfer(String from, String to, long hundredths) throws Exception {
    Transfer transfer = ask(a, Addresses.TX_TRANSFER, TransferRequest.newBuilder().setFromId(from).setToId(to)
      .setAmountHundredths(hundredths).build(), Transfer.class);
    assertThat(transfer.getState().name()).isEqualTo("COMMITTED");
    return transfer;
  }

  private static <R extends com.google.protobuf.Message> R ask(JuiceNode node, String address, com.google.protobuf.Message request,
                                                                Class<R> type) throws Exception {
    return Bus.request(node.vertx().eventBus(), address, request, TIMEOUT_MS, type).await(TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
