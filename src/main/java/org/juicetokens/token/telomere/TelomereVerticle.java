package org.juicetokens.token.telomere;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.node.NodeContext;
import org.juicetokens.token.proto.TelomereStats;
import org.juicetokens.token.proto.TelomereStatsRequest;

/**
 * Serves this node's telomere figures ({@link Addresses#TELOMERE_STATS}, node-local) from the
 * node's {@link TelomereChecks}, which the token and transaction layers transform and verify
 * through. Health "telomere" is always UP: an invalid token presented to this node says nothing
 * about the node; the data carries the counts.
 */
public final class TelomereVerticle extends VerticleBase {
  private static final String HEALTH = "telomere";

  private final NodeContext node;

  public TelomereVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    int tailLinks;
    try {
      tailLinks = TelomereSettings.tailLinks(node.config());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    MessageConsumer<TelomereStatsRequest> stats = Bus.serveLocal(vertx.eventBus(), Addresses.TELOMERE_STATS, TelomereStatsRequest.class,
      request -> node.instrumented().run(Layer.TELOMERE, "stats", "", () -> Future.succeededFuture(node.telomere().stats(tailLinks))));
    node.health().register(HEALTH, promise -> promise.complete(Status.OK(health(node.telomere().stats(tailLinks)))));
    return stats.completion();
  }

  @Override
  public Future<?> stop() {
    node.health().unregister(HEALTH);
    return Future.succeededFuture();
  }

  private static JsonObject health(TelomereStats s) {
    return new JsonObject()
      .put("tailLinks", s.getTailLinks())
      .put("transformations", s.getTransform().getOk() + s.getTransform().getFailed())
      .put("transformSuccessRate", Math.round(s.getTransform().getSuccessRate() * 10_000) / 10_000.0)
      .put("verifications", s.getVerify().getOk() + s.getVerify().getFailed())
      .put("verificationFailures", s.getVerify().getFailed());
  }
}
