package org.juicetokens.lifecycle.egg;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.governance.admin.AdminSection;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.governance.metrics.OperationStats;
import org.juicetokens.lifecycle.egg.proto.EggStage;
import org.juicetokens.lifecycle.egg.proto.EggStats;
import org.juicetokens.lifecycle.egg.proto.EggStatsRequest;

/**
 * The "eggs" part of the admin snapshot: this node's eggs per stage (every stage listed, 0 when
 * none), generations (ok, failed, success rate), activations, expirations, fertilizations, the
 * maturing eggs with their progress (nearest deadline first) and the instrumented egg operations.
 */
public final class EggAdminSection implements AdminSection {

  @Override
  public String name() {
    return "eggs";
  }

  @Override
  public Future<JsonObject> gather(EventBus bus, long timeoutMs, OperationStats stats) {
    return Bus.request(bus, Addresses.EGG_STATS, EggStatsRequest.getDefaultInstance(), timeoutMs, EggStats.class).map(s -> toJson(s, stats));
  }

  static JsonObject toJson(EggStats s, OperationStats stats) {
    JsonObject byStage = new JsonObject();
    for (EggStage stage : EggStage.values()) {
      if (stage != EggStage.EGG_STAGE_UNSPECIFIED && stage != EggStage.UNRECOGNIZED) {
        byStage.put(stage.name(), s.getByStageOrDefault(stage.name(), 0));
      }
    }
    long attempts = s.getGenerationsOk() + s.getGenerationsFailed();
    JsonArray maturing = new JsonArray();
    s.getMaturingList().forEach(m -> maturing.add(new JsonObject().put("eggId", m.getEggId()).put("stage", m.getStage().name())
      .put("percent", m.getPercent()).put("nextDeadlineMs", m.getNextDeadlineMs())));
    return new JsonObject()
      .put("byStage", byStage)
      .put("generations", new JsonObject().put("ok", s.getGenerationsOk()).put("failed", s.getGenerationsFailed())
        .put("successRate", attempts == 0 ? 1.0 : (double) s.getGenerationsOk() / attempts))
      .put("activations", s.getActivations())
      .put("expirations", s.getExpirations())
      .put("fertilizations", s.getFertilizations())
      .put("maturing", maturing)
      .put("instrumented", stats.layerTotals(Layer.EGG));
  }
}
