package org.juicetokens.api;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.juicetokens.api.http.HttpServerVerticle;
import org.juicetokens.common.ProtobufCodec;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.OperationStats;
import org.juicetokens.governance.metrics.PrometheusConventions;
import org.juicetokens.node.ClusterConfigFactory;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.token.telomere.TelomereVerticle;
import org.juicetokens.transport.framing.FramingVerticle;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A one-member clustered node for edge tests: the HTTP verticle under test plus the layer test
 * doubles on the real addresses (and not the real layer verticles, which other branches own).
 * Built like JuiceNode builds a node: Prometheus registry with the Vert.x metrics, the protobuf
 * codec, a Hazelcast member from ClusterConfigFactory.
 */
public final class EdgeTestNode {
  public final Vertx vertx;
  public final NodeContext context;
  public final LayerDoubles doubles;
  public final int port;
  private final Path dataDir;

  private EdgeTestNode(Vertx vertx, NodeContext context, LayerDoubles doubles, int port, Path dataDir) {
    this.vertx = vertx;
    this.context = context;
    this.doubles = doubles;
    this.port = port;
    this.dataDir = dataDir;
  }

  /** Starts the node (with the doubles unless {@code withDoubles} is false); call from the test thread. */
  public static EdgeTestNode start(Map<String, String> overrides, boolean withDoubles) throws Exception {
    Path dataDir = Files.createTempDirectory("jt-edge-");
    Map<String, String> settings = new HashMap<>(Map.of(
      "node.id", "edge",
      "http.port", "0",
      "http.host", "127.0.0.1",
      "node.dataDir", dataDir.toString(),
      "cluster.name", "test-" + UUID.randomUUID(),
      "cluster.port", String.valueOf(freePort()),
      "cluster.fastJoin", "true",
      "admin.snapshotIntervalMs", "300"));
    settings.putAll(overrides);
    NodeConfig config = NodeConfig.of(settings);

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("node", config.nodeId());
    PrometheusConventions.apply(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    HazelcastClusterManager manager = new HazelcastClusterManager(ClusterConfigFactory.create(config));
    Vertx vertx = Vertx.builder()
      .with(new VertxOptions().setEventBusOptions(new EventBusOptions().setHost("127.0.0.1"))
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
      .withClusterManager(manager)
      .withMetrics(new MicrometerMetricsFactory(registry))
      .buildClustered()
      .await(60, TimeUnit.SECONDS);
    ProtobufCodec.register(vertx.eventBus());
    NodeContext context = new NodeContext(config, registry, new Instrumented(registry, new OperationStats(), config.nodeId()),
      HealthChecks.create(vertx), manager.getHazelcastInstance());
    LayerDoubles doubles = null;
    if (withDoubles) {
      doubles = new LayerDoubles(context);
      vertx.deployVerticle(doubles).await(20, TimeUnit.SECONDS);
      // framing is pure and node-local: the real verticle, on this node's FrameMetrics
      vertx.deployVerticle(new FramingVerticle(context)).await(20, TimeUnit.SECONDS);
      // the telomere's stats are pure and node-local too: the real verticle, on this node's TelomereChecks
      vertx.deployVerticle(new TelomereVerticle(context)).await(20, TimeUnit.SECONDS);
    }
    HttpServerVerticle http = new HttpServerVerticle(context);
    vertx.deployVerticle(http).await(20, TimeUnit.SECONDS);
    return new EdgeTestNode(vertx, context, doubles, http.actualPort(), dataDir);
  }

  public WebClient webClient() {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  public void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
    try (var files = Files.walk(dataDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
