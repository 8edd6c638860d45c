package org.juicetokens.token.audit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.api.v1.StateCount;
import org.juicetokens.api.v1.TransactionStats;
import org.juicetokens.api.v1.TransactionStatsRequest;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.governance.admin.AdminSection;
import org.juicetokens.governance.metrics.OperationStats;

/**
 * The "transactions" section of the admin snapshot, from TX_STATS: exchange sides by state,
 * in doubt (and for how long the oldest has waited), totals and success / abort rates of decided
 * exchanges, payer p50/p99 and the recent events. When TX_STATS does not answer the snapshot shows
 * the section unavailable (the console says so); the live timeline comes from the {@code transfer} events.
 */
public final class TransactionAdminSection implements AdminSection {
  public static final String NAME = "transactions";
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<JsonObject> gather(EventBus bus, long timeoutMs, OperationStats stats) {
    return Bus.request(bus, Addresses.TX_STATS, TransactionStatsRequest.getDefaultInstance(), timeoutMs, TransactionStats.class)
      .map(TransactionAdminSection::json);
  }

  static JsonObject json(TransactionStats s) {
    JsonArray byState = new JsonArray();
    for (StateCount c : s.getByStateList()) {
      byState.add(new JsonObject().put("state", c.getState().name()).put("count", c.getCount()));
    }
    JsonArray recent = new JsonArray();
    for (TransferEvent e : s.getRecentList()) {
      recent.add(event(e));
    }
    long decided = s.getCommittedTotal() + s.getAbortedTotal() + s.getFailedTotal();
    return new JsonObject()
      .put("byState", byState)
      .put("inDoubt", s.getInDoubt())
      .put("oldestInDoubtMs", s.getOldestInDoubtMs())
      .put("active", s.getActive())
      .put("committed", s.getCommittedTotal())
      .put("aborted", s.getAbortedTotal())
      .put("failed", s.getFailedTotal())
      .put("successRate", decided == 0 ? 1.0 : (double) s.getCommittedTotal() / decided)
      .put("abortRate", decided == 0 ? 0.0 : (double) (s.getAbortedTotal() + s.getFailedTotal()) / decided)
      .put("p50Ms", s.getP50Ms())
      .put("p99Ms", s.getP99Ms())
      .put("recent", recent)
      .put("abortCauses", abortCauses(s))
      .put("timeInState", timeInState(s));
  }

  /** The proto3 JSON of an event (the same shape as the {@code transfer} SSE events). */
  static JsonObject event(TransferEvent e) {
    try {
      return new JsonObject(PRINTER.print(e));
    } catch (InvalidProtocolBufferException ex) {
      return new JsonObject().put("txId", e.getTxId());
    }
  }

  /** ABORTED/FAILED sides by ErrorCode name. */
  private static JsonObject abortCauses(TransactionStats s) {
    JsonObject causes = new JsonObject();
    s.getAbortCausesList().forEach(c -> causes.put(c.getCode(), c.getCount()));
    return causes;
  }

  /** Mean ms a side spent in each state before leaving it (only the states some side left). */
  private static JsonArray timeInState(TransactionStats s) {
    JsonArray times = new JsonArray();
    s.getTimeInStateList().forEach(t -> times.add(new JsonObject().put("state", t.getState().name()).put("meanMs", t.getMeanMs())
      .put("count", t.getCount())));
    return times;
  }
}
