package org.juicetokens.token.audit;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.api.v1.AuditReport;
import org.juicetokens.api.v1.AuditRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.dht.ClusterFanOut;
import org.juicetokens.common.Errors;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.Settings;
import org.juicetokens.token.proto.AuditPart;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The conservation audit on the bus: {@link Addresses#TX_AUDIT} (node-local) asks every member of
 * the Hazelcast cluster for its part at {@code Addresses.node(member, TX_AUDIT_SUFFIX)} and adds
 * them up ({@link AuditAggregation}); the point-to-point address answers this node's part
 * ({@link NodeAudit}). Health procedure "audit": the last report's verdict. Wiring only.
 */
public final class AuditVerticle extends VerticleBase {
  public static final String HEALTH = "audit";
  private final NodeContext node;
  private AuditMeters meters;

  public AuditVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    meters = new AuditMeters(node.registry());
    node.health().register(HEALTH, promise -> promise.complete(Status.OK(meters.health())));
    EventBus bus = vertx.eventBus();
    return Future.join(
      Bus.serveLocal(bus, Addresses.TX_AUDIT, AuditRequest.class,
        r -> node.instrumented().run(Layer.TRANSACTION, "audit", "cluster", this::cluster)).completion(),
      Bus.serve(bus, Addresses.node(node.nodeId(), Addresses.TX_AUDIT_SUFFIX), AuditRequest.class,
        r -> node.instrumented().run(Layer.TRANSACTION, "auditPart", "member", this::part)).completion());
  }

  @Override
  public Future<?> stop() {
    node.health().unregister(HEALTH);
    return Future.succeededFuture();
  }

  private Future<AuditPart> part() {
    return new NodeAudit(vertx.eventBus(), node.nodeId(), node.config().requestTimeoutMs(),
      node.config().integer(Settings.STORAGE_MAX_SCAN)).run(System.currentTimeMillis());
  }

  private Future<AuditReport> cluster() {
    long memberTimeoutMs = node.config().longValue(Settings.AUDIT_MEMBER_TIMEOUT_MS);
    // the member list is Hazelcast's local view, read off the event loop as every Hazelcast call
    return ClusterFanOut.memberIds(vertx, node.hazelcast())
      .compose(members -> ClusterFanOut.ask(members, node.nodeId(), this::part,
        member -> Bus.request(vertx.eventBus(), Addresses.node(member, Addresses.TX_AUDIT_SUFFIX), AuditRequest.getDefaultInstance(),
          memberTimeoutMs, AuditPart.class)).map(answers -> {
        List<AuditPart> parts = new ArrayList<>();
        Map<String, String> missing = new HashMap<>();
        answers.forEach((member, answer) -> {
          if (answer.succeeded()) {
            parts.add(answer.result());
          } else {
            missing.put(member, Errors.toJuice(answer.cause()).getMessage());
          }
        });
        return AuditAggregation.aggregate(members, parts, missing, System.currentTimeMillis());
      }))
      .andThen(ar -> {
        if (ar.succeeded()) {
          meters.report(ar.result());
        } else {
          meters.failed();
        }
      });
  }
}
