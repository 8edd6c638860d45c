package org.juicetokens.token.telomere;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.governance.admin.AdminSection;
import org.juicetokens.governance.metrics.OperationStats;
import org.juicetokens.token.proto.TelomereOperationStats;
import org.juicetokens.token.proto.TelomereStats;
import org.juicetokens.token.proto.TelomereStatsRequest;

/**
 * The admin snapshot's "telomere" section, from {@link Addresses#TELOMERE_STATS} (numbers as
 * numbers): {transform: {ok, failed, successRate, meanMs, maxMs}, verify: {same},
 * failuresByReason: [{reason, count}], recent: [{atMs, operation, reason, tokenPrefix, detail,
 * failedLink}] newest first, tailLinks, maxEncodedBytes}. Drawn by webroot/panels/telomere.js.
 */
public final class TelomereAdminSection implements AdminSection {

  @Override
  public String name() {
    return "telomere";
  }

  @Override
  public Future<JsonObject> gather(EventBus bus, long timeoutMs, OperationStats stats) {
    return Bus.request(bus, Addresses.TELOMERE_STATS, TelomereStatsRequest.getDefaultInstance(), timeoutMs, TelomereStats.class)
      .map(TelomereAdminSection::json);
  }

  static JsonObject json(TelomereStats s) {
    JsonArray reasons = new JsonArray();
    s.getFailuresByReasonList().forEach(r -> reasons.add(new JsonObject().put("reason", r.getReason()).put("count", r.getCount())));
    JsonArray recent = new JsonArray();
    s.getRecentList().forEach(f -> recent.add(new JsonObject().put("atMs", f.getAtMs()).put("operation", f.getOperation())
      .put("reason", f.getReason()).put("tokenPrefix", f.getTokenPrefix()).put("detail", f.getDetail()).put("failedLink", f.getFailedLink())));
    return new JsonObject()
      .put("transform", json(s.getTransform()))
      .put("verify", json(s.getVerify()))
      .put("failuresByReason", reasons)
      .put("recent", recent)
      .put("tailLinks", s.getTailLinks())
      .put("maxEncodedBytes", s.getMaxEncodedBytes());
  }

  private static JsonObject json(TelomereOperationStats o) {
    return new JsonObject().put("ok", o.getOk()).put("failed", o.getFailed()).put("successRate", o.getSuccessRate())
      .put("meanMs", o.getMeanMs()).put("maxMs", o.getMaxMs());
  }
}
