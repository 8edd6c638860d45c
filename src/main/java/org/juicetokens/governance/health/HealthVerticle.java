package org.juicetokens.governance.health;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.common.Addresses;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.node.NodeContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The node's own measurements as health procedures — "eventloop" (timer lateness of every event
 * loop), "workers" (queued and running tasks of every worker pool), "resources" (CPU, heap, open
 * files) — each answering from figures kept in memory, so /health never waits on a busy pool.
 * Every health.evaluateIntervalMs it evaluates all procedures ({@link HealthModel}), updates the
 * juice_health_* gauges and publishes Addresses.HEALTH_CHANGED (node-local) when a status changed.
 * Wiring only: the rules are in the evaluation classes of this package.
 */
public final class HealthVerticle extends VerticleBase {
  public static final List<String> PROCEDURES = List.of("eventloop", "workers", "resources");
  private static final Logger LOG = LoggerFactory.getLogger(HealthVerticle.class);

  private final NodeContext node;
  private HealthSettings settings;
  private EventLoopProbe probe;
  private WorkerExecutor sampler;
  private HealthMeters meters;
  private HealthChanges changes;
  private volatile JsonObject resources;
  private volatile double worstDelayMs;
  private long probeTimer = -1;
  private long evaluateTimer = -1;

  public HealthVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    settings = HealthSettings.from(node.config());
    probe = new EventLoopProbe(((VertxInternal) vertx).nettyEventLoopGroup(), settings.probeIntervalMs());
    probe.start();
    // reading the process figures reads /proc: one thread of its own, never the pools it measures
    sampler = vertx.createSharedWorkerExecutor("juice-health", 1);
    meters = new HealthMeters(node.registry(), probe::delayMs);
    changes = new HealthChanges(node.nodeId());
    resources = settings.resources().evaluate(new ResourceReading(-1, 0, -1, -1, -1));
    HealthChecks health = node.health();
    health.register("eventloop", promise -> promise.complete(status(settings.eventLoop().evaluate(probe.delayMs(), worstDelayMs, probe.loops()))));
    health.register("workers", promise -> promise.complete(status(settings.workers().evaluate(WorkerPools.read(node.registry())))));
    health.register("resources", promise -> promise.complete(status(resources.copy())));
    probeTimer = vertx.setPeriodic(1, settings.probeIntervalMs(), id -> {
      worstDelayMs = probe.takeWorstMs();
      sampler.executeBlocking(ResourceReading::sample, false).onSuccess(r -> resources = settings.resources().evaluate(r));
    });
    evaluateTimer = vertx.setPeriodic(settings.evaluateIntervalMs(), id -> evaluate());
    return Future.succeededFuture();
  }

  private void evaluate() {
    node.instrumented().run(Layer.HEALTH, "evaluate", "", () -> node.health().checkStatus().map(HealthModel::evaluate))
      .onSuccess(verdict -> {
        meters.update(verdict);
        changes.next(verdict, System.currentTimeMillis()).ifPresent(event -> {
          LOG.info("[Monitoring] [node: {}] health {} (was {}): {}", node.nodeId(), event.getString("overall"),
            event.getString("previousOverall", "-"), event.getJsonArray("changes").encode());
          vertx.eventBus().publish(Addresses.HEALTH_CHANGED, event, new DeliveryOptions().setLocalOnly(true));
        });
      });
  }

  private static Status status(JsonObject data) {
    ComponentStatus status = ComponentStatus.parse(data.getValue(ComponentStatus.KEY));
    return (status == null ? ComponentStatus.UP : status).toStatus(data);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(probeTimer);
    vertx.cancelTimer(evaluateTimer);
    PROCEDURES.forEach(node.health()::unregister);
    probe.stop();
    meters.close();
    return sampler.close();
  }
}
