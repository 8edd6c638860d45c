package org.juicetokens.node;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.healthchecks.HealthChecks;
import org.juicetokens.foundation.dht.DhtVerifiers;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.transport.framing.FrameMetrics;

/**
 * What every verticle of one node is given at construction: its configuration, the metrics
 * registry and the instrumentation wrapper, the health-check registry, and the node's
 * Hazelcast member (the DHT) with the node's registry of DHT entry verifiers (filled by the
 * layers owning signed maps), and the node's framing meters (every pipe's frame codec reports
 * to them). Nothing mutable is shared beyond these thread-safe objects.
 */
public record NodeContext(NodeConfig config, PrometheusMeterRegistry registry, Instrumented instrumented,
                          HealthChecks health, HazelcastInstance hazelcast, DhtVerifiers dhtVerifiers,
                          FrameMetrics framing) {

  /** A context with its own framing meters on {@code registry}. */
  public NodeContext(NodeConfig config, PrometheusMeterRegistry registry, Instrumented instrumented,
                     HealthChecks health, HazelcastInstance hazelcast, DhtVerifiers dhtVerifiers) {
    this(config, registry, instrumented, health, hazelcast, dhtVerifiers, new FrameMetrics(registry));
  }

  /** A context whose DHT verifier registry starts empty. */
  public NodeContext(NodeConfig config, PrometheusMeterRegistry registry, Instrumented instrumented,
                     HealthChecks health, HazelcastInstance hazelcast) {
    this(config, registry, instrumented, health, hazelcast, new DhtVerifiers());
  }

  public String nodeId() {
    return config.nodeId();
  }
}
