package org.juicetokens.trust.identity;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.governance.admin.AdminSection;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.governance.metrics.OperationStats;
import org.juicetokens.trust.identity.proto.IdentityStats;
import org.juicetokens.trust.identity.proto.IdentityStatsRequest;
import org.juicetokens.trust.identity.proto.IdentitySummary;

/**
 * The "identities" part of the admin snapshot: identities homed here, creation success rate and
 * latency (from the instrumented "create" operation), key generation mean/max, verification
 * outcomes by reason, and the latest identities (id prefix only, name, sequence, status).
 */
public final class IdentityAdminSection implements AdminSection {
  private static final int ID_PREFIX = 12;

  @Override
  public String name() {
    return "identities";
  }

  @Override
  public Future<JsonObject> gather(EventBus bus, long timeoutMs, OperationStats stats) {
    return Bus.request(bus, Addresses.IDENTITY_STATS, IdentityStatsRequest.getDefaultInstance(), timeoutMs, IdentityStats.class)
      .map(s -> toJson(s, stats));
  }

  static JsonObject toJson(IdentityStats s, OperationStats stats) {
    JsonArray latest = new JsonArray();
    for (IdentitySummary i : s.getLatestList()) {
      latest.add(new JsonObject().put("idPrefix", i.getId().substring(0, Math.min(ID_PREFIX, i.getId().length())))
        .put("name", i.getDisplayName()).put("sequence", i.getSequence()).put("status", i.getStatus().name())
        .put("updatedAtMs", i.getUpdatedAtMs()));
    }
    JsonObject reasons = new JsonObject();
    s.getRejectionsByReasonMap().forEach(reasons::put);
    return new JsonObject()
      .put("up", s.getMasterKeyLoaded())
      .put("homed", s.getHomed())
      .put("creation", operation(stats, "create"))
      .put("keyGeneration", new JsonObject().put("meanMs", s.getKeyGenerationMeanMs()).put("maxMs", s.getKeyGenerationMaxMs()))
      .put("verifications", new JsonObject().put("valid", s.getVerificationsValid()).put("rejected", s.getVerificationsRejected())
        .put("byReason", reasons))
      .put("instrumented", stats.layerTotals(Layer.IDENTITY))
      .put("latest", latest);
  }

  /** {ok, failed, successRate, meanMs, maxMs} of one identity operation on this node. */
  private static JsonObject operation(OperationStats stats, String name) {
    JsonArray operations = stats.snapshot().getJsonArray("operations");
    for (int i = 0; i < operations.size(); i++) {
      JsonObject op = operations.getJsonObject(i);
      if (Layer.IDENTITY.tag().equals(op.getString("layer")) && name.equals(op.getString("operation"))) {
        long ok = op.getLong("ok");
        long failed = op.getLong("failed");
        return new JsonObject().put("ok", ok).put("failed", failed).put("successRate", ok + failed == 0 ? 1.0 : (double) ok / (ok + failed))
          .put("meanMs", op.getDouble("meanMs")).put("maxMs", op.getDouble("maxMs"));
      }
    }
    return new JsonObject().put("ok", 0).put("failed", 0).put("successRate", 1.0).put("meanMs", 0.0).put("maxMs", 0.0);
  }
}
