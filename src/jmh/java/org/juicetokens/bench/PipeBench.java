package org.juicetokens.bench;

import com.google.protobuf.ByteString;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
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
import org.juicetokens.transport.pipe.PipeVerticle;
import org.juicetokens.transport.pipe.proto.PipeDelivery;
import org.juicetokens.transport.pipe.proto.PipeList;
import org.juicetokens.transport.pipe.proto.PipeListRequest;
import org.juicetokens.transport.pipe.proto.PipeSendRequest;
import org.juicetokens.transport.pipe.proto.PipeSendResult;
import org.juicetokens.transport.pipe.proto.PipeState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pipe figures on loopback between two Vert.x instances in one JVM, each running the node's
 * PipeVerticle (the client one configured with the other's {@code /pipe} as a peer); messages go
 * in and out through the node-local bus addresses, as other layers will use them.
 * <ul>
 *   <li>{@code roundTrip}: a 64-byte message to the peer, which sends it back over the same pipe
 *       (sample time: the latency of one round trip, one message in flight);</li>
 *   <li>{@code throughput}: 1,000 messages of 64 bytes sent one way without waiting; the operation
 *       ends when the peer delivered the last (throughput: messages per second).</li>
 * </ul>
 * Run: {@code ./mvnw -Pbench -DskipTests package exec:exec -Djmh.args="PipeBench -f 1"}.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class PipeBench {
  private static final int BATCH = 1000;
  private static final ByteString PAYLOAD = ByteString.copyFrom(new byte[64]);

  private Vertx server;
  private Vertx client;
  private final AtomicReference<CompletableFuture<Void>> echoed = new AtomicReference<>();
  private final AtomicReference<CountDownLatch> batch = new AtomicReference<>();

  @Setup(Level.Trial)
  public void start() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    server = node("bench-server", Map.of(), port);
    client = node("bench-client", Map.of("transport.peers", "ws://127.0.0.1:" + port + "/pipe"), -1);
    // the server echoes "ping" messages and counts "one-way" ones
    server.eventBus().<PipeDelivery>localConsumer(Addresses.PIPE_DELIVERED, m -> {
      PipeDelivery d = m.body();
      if (d.getMessageType().equals("bench.Ping")) {
        send(server, d.getPeerNodeId(), "bench.Pong");
      } else {
        CountDownLatch latch = batch.get();
        if (latch != null) {
          latch.countDown();
        }
      }
    });
    client.eventBus().<PipeDelivery>localConsumer(Addresses.PIPE_DELIVERED, m -> {
      CompletableFuture<Void> waiting = echoed.get();
      if (waiting != null) {
        waiting.complete(null);
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!open()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("pipe did not open");
      }
      Thread.sleep(50);
    }
  }

  private boolean open() throws Exception {
    PipeList list = Bus.request(client.eventBus(), Addresses.PIPE_LIST, PipeListRequest.getDefaultInstance(), 5000, PipeList.class)
      .await(10, TimeUnit.SECONDS);
    return list.getPipesCount() == 1 && list.getPipes(0).getState() == PipeState.OPEN;
  }

  private static Vertx node(String id, Map<String, String> extra, int port) throws Exception {
    NodeConfig config = NodeConfig.of(Map.of("node.id", id)).with(extra);
    Vertx vertx = Vertx.vertx();
    ProtobufCodec.register(vertx.eventBus());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    NodeContext context = new NodeContext(config, registry, new Instrumented(registry, new OperationStats(), id),
      HealthChecks.create(vertx), null);
    PipeVerticle pipes = new PipeVerticle(context);
    vertx.deployVerticle(pipes).await(30, TimeUnit.SECONDS);
    if (port > 0) {
      Router router = Router.router(vertx);
      router.get("/pipe").handler(ctx -> ctx.request().toWebSocket().onSuccess(pipes::accept));
      vertx.createHttpServer(new HttpServerOptions().setMaxWebSocketMessageSize(PipeVerticle.maxWireUnitBytes(config)))
        .requestHandler(router).listen(port, "127.0.0.1").await(30, TimeUnit.SECONDS);
    }
    return vertx;
  }

  private static void send(Vertx from, String peer, String type) {
    Bus.request(from.eventBus(), Addresses.PIPE_SEND, PipeSendRequest.newBuilder().setPeerNodeId(peer).setMessageType(type)
      .setPayload(PAYLOAD).build(), 30_000, PipeSendResult.class);
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    client.close().await(30, TimeUnit.SECONDS);
    server.close().await(30, TimeUnit.SECONDS);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void roundTrip() throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    echoed.set(done);
    send(client, "bench-server", "bench.Ping");
    done.get(30, TimeUnit.SECONDS);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BATCH)
  public void throughput() throws Exception {
    CountDownLatch latch = new CountDownLatch(BATCH);
    batch.set(latch);
    for (int i = 0; i < BATCH; i++) {
      send(client, "bench-server", "bench.OneWay");
    }
    if (!latch.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("batch not delivered: " + latch.getCount() + " missing");
    }
  }
}
