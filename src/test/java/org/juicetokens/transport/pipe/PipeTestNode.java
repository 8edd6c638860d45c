package org.juicetokens.transport.pipe;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ProtobufCodec;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.OperationStats;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.transport.pipe.proto.PipeDelivery;
import org.juicetokens.transport.pipe.proto.PipeInfo;
import org.juicetokens.transport.pipe.proto.PipeList;
import org.juicetokens.transport.pipe.proto.PipeListRequest;
import org.juicetokens.transport.pipe.proto.PipeSendRequest;
import org.juicetokens.transport.pipe.proto.PipeSendResult;
import org.juicetokens.transport.pipe.proto.PipeState;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A node's pipe layer on a plain Vert.x: the real PipeVerticle, its bus addresses, and an HTTP
 * listener routing {@code /pipe} to it exactly as the HTTP verticle does, which the test can close
 * and reopen on the same port (the pipes and their sessions live on in the verticle).
 */
final class PipeTestNode implements AutoCloseable {
  final Vertx vertx;
  final NodeConfig config;
  final PipeVerticle pipes;
  final int port;
  final List<PipeDelivery> delivered = new CopyOnWriteArrayList<>();
  private HttpServer listener;

  private PipeTestNode(Vertx vertx, NodeConfig config, PipeVerticle pipes, int port) {
    this.vertx = vertx;
    this.config = config;
    this.pipes = pipes;
    this.port = port;
  }

  /** Fast timers for tests; {@code overrides} on top. */
  static PipeTestNode start(String nodeId, Map<String, String> overrides) {
    return start(nodeId, overrides, FreePorts.next());
  }

  static PipeTestNode start(String nodeId, Map<String, String> overrides, int port) {
    Map<String, String> settings = new HashMap<>(Map.of("node.id", nodeId, "node.requestTimeoutMs", "60000",
      "transport.pipe.backoffMinMs", "100", "transport.pipe.backoffMaxMs", "400", "transport.pipe.handshakeTimeoutMs", "3000"));
    settings.putAll(overrides);
    NodeConfig config = NodeConfig.of(settings);
    Vertx vertx = Vertx.vertx();
    ProtobufCodec.register(vertx.eventBus());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    NodeContext context = new NodeContext(config, registry, new Instrumented(registry, new OperationStats(), nodeId),
      HealthChecks.create(vertx), null);
    PipeVerticle pipes = new PipeVerticle(context);
    PipeTestNode node = new PipeTestNode(vertx, config, pipes, port);
    vertx.eventBus().<PipeDelivery>localConsumer(Addresses.PIPE_DELIVERED, m -> node.delivered.add(m.body()));
    await(vertx.deployVerticle(pipes));
    node.openListener();
    return node;
  }

  void openListener() {
    Router router = Router.router(vertx);
    router.get("/pipe").handler(ctx -> ctx.request().toWebSocket().onSuccess(pipes::accept));
    listener = await(vertx.createHttpServer(new HttpServerOptions().setMaxWebSocketMessageSize(PipeVerticle.maxWireUnitBytes(config)))
      .requestHandler(router).listen(port, "127.0.0.1"));
  }

  /** Closes the listener and every connection it accepted (pipes stay, awaiting resumption). */
  void closeListener() {
    await(listener.close());
  }

  String endpoint() {
    return "ws://127.0.0.1:" + port + "/pipe";
  }

  List<PipeInfo> list() {
    return await(Bus.request(vertx.eventBus(), Addresses.PIPE_LIST, PipeListRequest.getDefaultInstance(), 10_000, PipeList.class))
      .getPipesList();
  }

  PipeInfo pipeTo(String peer) {
    return list().stream().filter(p -> p.getPeerNodeId().equals(peer)).findFirst().orElse(null);
  }

  Future<PipeSendResult> send(String peer, String messageType, byte[] payload, boolean awaitAck) {
    Message request = PipeSendRequest.newBuilder().setPeerNodeId(peer).setMessageType(messageType)
      .setPayload(ByteString.copyFrom(payload)).setAwaitAck(awaitAck).build();
    return Bus.request(vertx.eventBus(), Addresses.PIPE_SEND, request, 60_000, PipeSendResult.class);
  }

  void awaitOpen(String peer) {
    eventually(() -> {
      PipeInfo pipe = pipeTo(peer);
      return pipe != null && pipe.getState() == PipeState.OPEN;
    }, "pipe to " + peer + " open");
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer within 60 s", e);
    }
  }

  static void eventually(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 60 s: " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    await(vertx.close());
  }
}
