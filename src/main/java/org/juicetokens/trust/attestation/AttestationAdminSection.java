package org.juicetokens.trust.attestation;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.governance.admin.AdminSection;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.governance.metrics.OperationStats;
import org.juicetokens.trust.attestation.proto.AttestationStats;
import org.juicetokens.trust.attestation.proto.AttestationStatsRequest;
import org.juicetokens.trust.attestation.proto.NodeAttestationStats;

/**
 * The "attestations" part of the admin snapshot: creations by outcome and by type, verifications
 * on read by outcome and reason, summed over the cluster and per member (totals since each
 * member started; the panel turns successive totals into rates), and this node's instrumented
 * attestation operations.
 */
public final class AttestationAdminSection implements AdminSection {

  @Override
  public String name() {
    return "attestations";
  }

  @Override
  public Future<JsonObject> gather(EventBus bus, long timeoutMs, OperationStats stats) {
    return Bus.request(bus, Addresses.ATTESTATION_STATS, AttestationStatsRequest.getDefaultInstance(), timeoutMs, AttestationStats.class)
      .map(s -> toJson(s, stats));
  }

  static JsonObject toJson(AttestationStats s, OperationStats stats) {
    JsonObject byType = new JsonObject();
    s.getCreatedByTypeMap().forEach(byType::put);
    JsonObject byReason = new JsonObject();
    s.getInvalidByReasonMap().forEach(byReason::put);
    return new JsonObject()
      .put("created", new JsonObject().put("ok", s.getCreatedOk()).put("refused", s.getCreatedRefused()).put("failed", s.getCreatedFailed())
        .put("byType", byType))
      .put("verifications", new JsonObject().put("valid", s.getVerificationsValid()).put("invalid", s.getVerificationsInvalid())
        .put("byReason", byReason))
      .put("nodes", nodes(s))
      .put("instrumented", stats.layerTotals(Layer.ATTESTATION));
  }

  private static JsonArray nodes(AttestationStats s) {
    JsonArray nodes = new JsonArray();
    for (NodeAttestationStats n : s.getNodesList()) {
      JsonObject byType = new JsonObject();
      n.getStats().getCreatedByTypeMap().forEach(byType::put);
      nodes.add(new JsonObject().put("node", n.getNodeId()).put("answered", n.getAnswered()).put("error", n.getError())
        .put("created", n.getStats().getCreatedOk()).put("byType", byType)
        .put("valid", n.getStats().getVerificationsValid()).put("invalid", n.getStats().getVerificationsInvalid()));
    }
    return nodes;
  }
}
