package org.juicetokens.token.creation;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.governance.admin.AdminSection;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.governance.metrics.OperationStats;
import org.juicetokens.token.proto.TokenStats;
import org.juicetokens.token.proto.TokenStatsRequest;

/**
 * The "tokens" section of the admin snapshot: mint calls through this node (ok, failed, success
 * rate, mean and max latency of the {@code mint} operation), the tokens stored here by denomination,
 * the index entries still to write and the node's LOCATION.
 */
public final class TokenAdminSection implements AdminSection {
  public static final String NAME = "tokens";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<JsonObject> gather(EventBus bus, long timeoutMs, OperationStats stats) {
    return Bus.request(bus, Addresses.TOKEN_STATS, TokenStatsRequest.getDefaultInstance(), timeoutMs, TokenStats.class)
      .map(tokens -> {
        JsonArray held = new JsonArray();
        tokens.getHeldList().forEach(h -> held.add(new JsonObject().put("denomination", h.getDenomination()).put("count", h.getCount())));
        return new JsonObject()
          .put("location", tokens.getLocation())
          .put("tokensHeld", tokens.getTokensHeld())
          .put("heldTruncated", tokens.getHeldTruncated())
          .put("minted", tokens.getMinted())
          .put("indexPending", tokens.getIndexPending())
          .put("held", held)
          .put("mint", mintOperation(stats));
      });
  }

  /** The {@code mint} operation's totals: {ok, failed, successRate, meanMs, maxMs}. */
  static JsonObject mintOperation(OperationStats stats) {
    JsonArray operations = stats.snapshot().getJsonArray("operations");
    for (int i = 0; i < operations.size(); i++) {
      JsonObject op = operations.getJsonObject(i);
      if (Layer.MINT.tag().equals(op.getString("layer")) && "mint".equals(op.getString("operation"))) {
        long count = op.getLong("ok") + op.getLong("failed");
        return op.copy().put("successRate", count == 0 ? 1.0 : (double) op.getLong("ok") / count);
      }
    }
    return new JsonObject().put("ok", 0).put("failed", 0).put("successRate", 1.0).put("meanMs", 0.0).put("maxMs", 0.0);
  }
}
