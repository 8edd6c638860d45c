package org.juicetokens.trust.chain;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.governance.admin.AdminSection;
import org.juicetokens.governance.metrics.OperationStats;
import org.juicetokens.trust.chain.proto.ChainStats;
import org.juicetokens.trust.chain.proto.ChainStatsRequest;
import org.juicetokens.trust.chain.proto.ChainVerification;

/** The "chains" part of the admin snapshot: appends here by entry type, duplicates, failures, the latest verification results (id prefix only). */
public final class ChainAdminSection implements AdminSection {
  private static final int ID_PREFIX = 12;

  @Override
  public String name() {
    return "chains";
  }

  @Override
  public Future<JsonObject> gather(EventBus bus, long timeoutMs, OperationStats stats) {
    return Bus.request(bus, Addresses.CHAIN_STATS, ChainStatsRequest.getDefaultInstance(), timeoutMs, ChainStats.class).map(ChainAdminSection::toJson);
  }

  static JsonObject toJson(ChainStats s) {
    JsonObject byType = new JsonObject();
    s.getAppendsByTypeMap().forEach(byType::put);
    JsonArray latest = new JsonArray();
    for (ChainVerification v : s.getLatestVerificationsList()) {
      latest.add(new JsonObject().put("idPrefix", v.getIdentityId().substring(0, Math.min(ID_PREFIX, v.getIdentityId().length())))
        .put("valid", v.getValid()).put("length", v.getLength()).put("firstBrokenSequence", v.getFirstBrokenSequence()).put("atMs", v.getAtMs()));
    }
    return new JsonObject().put("appendsByType", byType).put("duplicates", s.getDuplicates()).put("appendFailures", s.getAppendFailures())
      .put("latestVerifications", latest);
  }
}
