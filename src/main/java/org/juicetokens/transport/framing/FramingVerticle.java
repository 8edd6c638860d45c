package org.juicetokens.transport.framing;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.node.NodeContext;
import org.juicetokens.transport.framing.proto.FramingStats;
import org.juicetokens.transport.framing.proto.FramingStatsRequest;

/**
 * Serves this node's framing counters ({@link Addresses#FRAMING_STATS}, node-local) from the
 * node's {@link FrameMetrics}, which every pipe's codec reports to. Health "framing" is always
 * UP: a peer sending bad frames says nothing about this node; the data carries the counts.
 */
public final class FramingVerticle extends VerticleBase {
  private static final String HEALTH = "framing";

  private final NodeContext node;

  public FramingVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    try {
      FramingLimits.from(node.config()); // a bad framing setting fails the node's start, not the first pipe
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    MessageConsumer<FramingStatsRequest> stats = Bus.serveLocal(vertx.eventBus(), Addresses.FRAMING_STATS,
      FramingStatsRequest.class, request -> node.instrumented().run(Layer.FRAMING, "stats", "",
        () -> Future.succeededFuture(node.framing().snapshot())));
    node.health().register(HEALTH, promise -> promise.complete(Status.OK(health(node.framing().snapshot()))));
    return stats.completion();
  }

  @Override
  public Future<?> stop() {
    node.health().unregister(HEALTH);
    return Future.succeededFuture();
  }

  private static JsonObject health(FramingStats s) {
    return new JsonObject().put("built", s.getBuilt()).put("parsed", s.getParsed()).put("rejected", s.getRejected())
      .put("parseSuccessRate", Math.round(s.getParseSuccessRate() * 10_000) / 10_000.0);
  }
}
