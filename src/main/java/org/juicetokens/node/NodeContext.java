package org.juicetokens.node;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.healthchecks.HealthChecks;
import org.juicetokens.foundation.dht.DhtVerifiers;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.token.telomere.TelomereChecks;
import org.juicetokens.transport.framing.FrameMetrics;

/**
 * What every verticle of one node is given at construction: its configuration, the metrics
 * registry and the instrumentation wrapper, the health-check registry, and the node's
 * Hazelcast member (the DHT) with the node's registry of DHT entry verifiers (filled by the
 * layers owning signed maps), the node's own signing key ({@link NodeKey}), and the node's
 * framing meters (every pipe's frame codec reports to them), and the node's measured telomere
 * operations (every layer that transforms or verifies a token's telomere goes through them).
 * Nothing mutable is shared beyond these thread-safe objects.
 */
public record NodeContext(NodeConfig config, PrometheusMeterRegistry registry, Instrumented instrumented,
                          HealthChecks health, HazelcastInstance hazelcast, DhtVerifiers dhtVerifiers, NodeKey nodeKey,
                          FrameMetrics framing, TelomereChecks telomere) {

  /** A context with its own telomere checks on {@code instrumented} and {@code registry}. */
  public NodeContext(NodeConfig config, PrometheusMeterRegistry registry, Instrumented instrumented,
                     HealthChecks health, HazelcastInstance hazelcast, DhtVerifiers dhtVerifiers, NodeKey nodeKey,
                     FrameMetrics framing) {
    this(config, registry, instrumented, health, hazelcast, dhtVerifiers, nodeKey, framing, new TelomereChecks(instrumented, registry));
  }

  /** A context with an in-memory node key and its own framing meters on {@code registry}. */
  public NodeContext(NodeConfig config, PrometheusMeterRegistry registry, Instrumented instrumented,
                     HealthChecks health, HazelcastInstance hazelcast, DhtVerifiers dhtVerifiers) {
    this(config, registry, instrumented, health, hazelcast, dhtVerifiers, NodeKey.ephemeral(), new FrameMetrics(registry));
  }

  /** A context whose DHT verifier registry starts empty, with the node's key (loaded by JuiceNode). */
  public NodeContext(NodeConfig config, PrometheusMeterRegistry registry, Instrumented instrumented,
                     HealthChecks health, HazelcastInstance hazelcast, NodeKey nodeKey) {
    this(config, registry, instrumented, health, hazelcast, new DhtVerifiers(), nodeKey, new FrameMetrics(registry));
  }

  /** A context with an empty verifier registry and an in-memory node key (contexts built without JuiceNode). */
  public NodeContext(NodeConfig config, PrometheusMeterRegistry registry, Instrumented instrumented,
                     HealthChecks health, HazelcastInstance hazelcast) {
    this(config, registry, instrumented, health, hazelcast, new DhtVerifiers(), NodeKey.ephemeral(), new FrameMetrics(registry));
  }

  public String nodeId() {
    return config.nodeId();
  }
}
