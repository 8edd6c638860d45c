package org.juicetokens.node;

import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.juicetokens.extension.ExtensionVerticle;
import org.juicetokens.foundation.dht.DhtVerticle;
import org.juicetokens.foundation.storage.StorageVerticle;
import org.juicetokens.foundation.time.TimeVerticle;
import org.juicetokens.governance.health.HealthVerticle;
import org.juicetokens.lifecycle.egg.EggVerticle;
import org.juicetokens.lifecycle.renewal.RenewalVerticle;
import org.juicetokens.token.audit.AuditVerticle;
import org.juicetokens.token.creation.TokenVerticle;
import org.juicetokens.token.telomere.TelomereVerticle;
import org.juicetokens.token.transaction.TransactionVerticle;
import org.juicetokens.transport.framing.FramingVerticle;
import org.juicetokens.trust.attestation.AttestationVerticle;
import org.juicetokens.trust.attestation.CommunityVerticle;
import org.juicetokens.trust.chain.ChainVerticle;
import org.juicetokens.trust.identity.IdentityVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The layer verticles in waves: the verticles of one wave are deployed together, a wave starts when
 * the one before it is up. A verticle sits in a later wave than every verticle its start() asks
 * over the bus (storage and the DHT before their users, identities and tokens before the
 * transactions that recover with them, tokens and transactions before renewals that pay rewards at
 * start). Deployed one after the other they waited on each other's storage opening and Hazelcast
 * registrations for nothing. The HTTP edge is not here: {@link JuiceNode} deploys it after the
 * last wave, so /health answers only when every layer is up.
 */
final class DeploymentPlan {
  private static final Logger LOG = LoggerFactory.getLogger(DeploymentPlan.class);

  /** One verticle of a wave: its type (what the plan's test checks) and how to build it. */
  record Step(Class<? extends Deployable> type, Function<NodeContext, Deployable> factory) {
  }

  private DeploymentPlan() {
  }

  static List<List<Step>> layers() {
    return List.of(
      // health first: its procedures and probes watch everything that follows
      List.of(step(HealthVerticle.class, HealthVerticle::new)),
      // their start() asks nobody: consumers, verifiers, the store, the DHT proxies, the clock
      List.of(step(StorageVerticle.class, StorageVerticle::new), step(DhtVerticle.class, DhtVerticle::new),
        step(TimeVerticle.class, TimeVerticle::new), step(FramingVerticle.class, FramingVerticle::new),
        step(TelomereVerticle.class, TelomereVerticle::new), step(AuditVerticle.class, AuditVerticle::new),
        step(CommunityVerticle.class, CommunityVerticle::new)),
      // storage and the DHT only: homed identities, issuance claims, token index, chain heads
      List.of(step(IdentityVerticle.class, IdentityVerticle::new), step(TokenVerticle.class, TokenVerticle::new),
        step(ChainVerticle.class, ChainVerticle::new)),
      // recovery of open exchanges (time, tokens, identities), outboxes and eggs that may sign or mint at once
      List.of(step(TransactionVerticle.class, TransactionVerticle::new), step(AttestationVerticle.class, AttestationVerticle::new),
        step(EggVerticle.class, EggVerticle::new)),
      // renewals pay owed rewards through transfers at start; extensions hear every layer's events
      List.of(step(RenewalVerticle.class, RenewalVerticle::new), step(ExtensionVerticle.class, ExtensionVerticle::new)));
  }

  /** Deploys wave after wave; fails with the first verticle that fails (JuiceNode then closes Vert.x). */
  static Future<Void> deploy(Vertx vertx, NodeContext context, List<List<Step>> waves) {
    Future<Void> chain = Future.succeededFuture();
    for (List<Step> wave : waves) {
      chain = chain.compose(v -> {
        List<Future<?>> started = new ArrayList<>();
        for (Step step : wave) {
          long begin = System.nanoTime();
          started.add(vertx.deployVerticle(step.factory().apply(context)).onSuccess(id -> LOG.debug(
            "[Monitoring] [node: {}] {} up in {} ms", context.nodeId(), step.type().getSimpleName(), (System.nanoTime() - begin) / 1_000_000)));
        }
        return Future.all(started).mapEmpty();
      });
    }
    return chain;
  }

  private static Step step(Class<? extends Deployable> type, Function<NodeContext, Deployable> factory) {
    return new Step(type, factory);
  }
}
