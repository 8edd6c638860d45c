package org.juicetokens.lifecycle.renewal;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.governance.admin.AdminSection;
import org.juicetokens.governance.metrics.OperationStats;
import org.juicetokens.lifecycle.renewal.proto.RenewalAgeBucket;
import org.juicetokens.lifecycle.renewal.proto.RenewalStats;
import org.juicetokens.lifecycle.renewal.proto.RenewalStatsRequest;

/** The "renewals" part of the admin snapshot: success rate by token age, facilitations and rewards, notices, processing time. */
public final class RenewalAdminSection implements AdminSection {
  @Override
  public String name() {
    return "renewals";
  }

  @Override
  public Future<JsonObject> gather(EventBus bus, long timeoutMs, OperationStats stats) {
    return Bus.request(bus, Addresses.RENEWAL_STATS, RenewalStatsRequest.getDefaultInstance(), timeoutMs, RenewalStats.class)
      .map(RenewalAdminSection::toJson);
  }

  static JsonObject toJson(RenewalStats s) {
    JsonArray byAge = new JsonArray();
    for (RenewalAgeBucket b : s.getByAgeList()) {
      long total = b.getSucceeded() + b.getFailed();
      byAge.add(new JsonObject().put("age", b.getAge()).put("succeeded", b.getSucceeded()).put("failed", b.getFailed())
        .put("successRate", total == 0 ? null : (double) b.getSucceeded() / total));
    }
    return new JsonObject().put("renewals", s.getRenewals()).put("byAge", byAge).put("facilitated", s.getFacilitated())
      .put("rewardsHundredths", s.getRewardsHundredths()).put("rewardsPending", s.getRewardsPending()).put("notices", s.getNotices())
      .put("meanProcessingMs", s.getMeanProcessingMs());
  }
}
