package org.juicetokens.node;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.juicetokens.api.http.HttpServerVerticle;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ProtobufCodec;
import org.juicetokens.crypto.VerifiedSignatures;
import org.juicetokens.foundation.dht.DhtVerifiers;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.OperationStats;
import org.juicetokens.governance.metrics.PrometheusConventions;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;
import org.juicetokens.transport.discovery.DiscoveryVerticle;
import org.juicetokens.transport.framing.FrameMetrics;
import org.juicetokens.transport.pipe.PipeVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * One running node: a clustered Vert.x (Hazelcast) with the protobuf codec registered and the
 * layer verticles deployed in the waves of {@link DeploymentPlan} (health first, storage and the DHT before their
 * users), then pipes, the HTTP edge and discovery. {@link #start} completes when the node serves; {@link #close}
 * is a clean stop (the shutdown hook calls it).
 */
public final class JuiceNode {
  private static final Logger LOG = LoggerFactory.getLogger(JuiceNode.class);

  private final NodeContext context;
  private final Vertx vertx;
  private final int httpPort;

  private JuiceNode(NodeContext context, Vertx vertx, int httpPort) {
    this.context = context;
    this.vertx = vertx;
    this.httpPort = httpPort;
  }

  /** Starts a node. Call from a non-Vert.x thread or compose on the returned future. */
  public static Future<JuiceNode> start(NodeConfig config) {
    long startNanos = System.nanoTime();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("node", config.nodeId());
    PrometheusConventions.apply(registry);
    List.of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(), new ClassLoaderMetrics(),
      new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics()).forEach(b -> b.bindTo(registry));
    int verifiedEntries = config.integer(Settings.CRYPTO_VERIFIED_CACHE_ENTRIES);
    if (verifiedEntries < 0) {
      return Future.failedFuture(new IllegalArgumentException("crypto.verifiedCacheEntries must be >= 0, got " + verifiedEntries));
    }
    // a pure-function memo shared by the nodes of this JVM (see VerifiedSignatures)
    VerifiedSignatures.configure(verifiedEntries);
    VerifiedSignatures.bindTo(registry);

    HazelcastClusterManager clusterManager = new HazelcastClusterManager(ClusterConfigFactory.create(config));
    EventBusOptions eventBus = new EventBusOptions()
      .setHost(config.string(Settings.CLUSTER_HOST))
      .setPort(config.integer(Settings.CLUSTER_EVENT_BUS_PORT));
    String publicHost = config.string(Settings.CLUSTER_PUBLIC_HOST);
    if (!publicHost.isEmpty()) {
      eventBus.setClusterPublicHost(publicHost);
    }
    VertxOptions options = new VertxOptions()
      .setEventBusOptions(eventBus)
      .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(false));

    // Hazelcast starts on a Vert.x worker thread; the node key is read (or created) on this thread
    // meanwhile: two cores at work instead of one during the longest step of the start
    Future<Vertx> clustered = Vertx.builder()
      .with(options)
      .withClusterManager(clusterManager)
      .withMetrics(new MicrometerMetricsFactory(registry))
      .buildClustered();
    NodeKey nodeKey;
    try {
      // file I/O, off any event loop
      nodeKey = NodeKey.loadOrCreate(config.nodeDataDir());
    } catch (RuntimeException e) {
      return clustered.transform(built -> built.succeeded()
        ? built.result().close().transform(ignored -> Future.failedFuture(e)) : Future.failedFuture(e));
    }
    return clustered.compose(vertx -> {
        long clusteredMs = (System.nanoTime() - startNanos) / 1_000_000;
        ProtobufCodec.register(vertx.eventBus());
        HazelcastInstance hazelcast = clusterManager.getHazelcastInstance();
        NodeContext context = new NodeContext(config, registry,
          new Instrumented(registry, new OperationStats(), config.nodeId()), HealthChecks.create(vertx), hazelcast,
          new DhtVerifiers(), nodeKey, new FrameMetrics(registry));
        watchMembership(vertx, hazelcast);
        PipeVerticle pipes = new PipeVerticle(context);
        HttpServerVerticle http = new HttpServerVerticle(context, pipes::accept);
        return DeploymentPlan.deploy(vertx, context, DeploymentPlan.layers())
          .compose(v -> vertx.deployVerticle(pipes))
          .compose(v -> vertx.deployVerticle(http))
          // discovery advertises the pipe endpoint on the port the HTTP server actually bound
          .compose(id -> vertx.deployVerticle(new DiscoveryVerticle(context, http.actualPort())))
          .map(id -> new JuiceNode(context, vertx, http.actualPort()))
          .onSuccess(node -> LOG.info("[Monitoring] [node: {}] serving on http port {}, cluster '{}' with {} member(s), started in {} ms"
              + " (clustered Vert.x and Hazelcast after {} ms)",
            config.nodeId(), node.httpPort(), config.string(Settings.CLUSTER_NAME), hazelcast.getCluster().getMembers().size(),
            (System.nanoTime() - startNanos) / 1_000_000, clusteredMs))
          .recover(failure -> vertx.close().transform(ignored -> Future.failedFuture(failure)));
      });
  }

  /**
   * Publishes member changes node-locally. A Hazelcast listener, not
   * {@code clusterManager.nodeListener}: Vert.x's HA manager owns that single slot.
   */
  private static void watchMembership(Vertx vertx, HazelcastInstance hazelcast) {
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        publish(event, "added");
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        publish(event, "removed");
      }

      private void publish(MembershipEvent event, String kind) {
        String nodeId = event.getMember().getAttribute("juice.nodeId");
        LOG.info("[Network] cluster member {} {} ({}), {} member(s) now", nodeId, kind, event.getMember().getAddress(),
          event.getMembers().size());
        vertx.eventBus().publish(Addresses.CLUSTER_MEMBERSHIP, new JsonObject().put("event", kind).put("nodeId", nodeId));
      }
    });
  }

  public Vertx vertx() {
    return vertx;
  }

  public NodeContext context() {
    return context;
  }

  public int httpPort() {
    return httpPort;
  }

  public Future<Void> close() {
    LOG.info("[Monitoring] [node: {}] stopping", context.nodeId());
    return vertx.close();
  }
}
