package org.juicetokens.extension.examples;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.juicetokens.extension.spi.ExtensionContext;
import org.juicetokens.extension.spi.Hook;
import org.juicetokens.extension.spi.HookEvent;
import org.juicetokens.extension.spi.JuiceExtension;

/**
 * Example extension: notifies ({@code notify("large-transfer", ...)}, the node's SSE stream) when
 * a transfer of at least {@code thresholdHundredths} commits. Hook {@code transaction.state},
 * permissions {@code transactions:read} and {@code notify}.
 *
 * <p>"Committed" is a TransferEvent with state COMMITTED, from either side: the payer's side
 * commits first (its decision is durable), the payee's when it applies the commit. The runtime
 * delivers the sides of this node (a payer and a payee homed on different nodes each reach their
 * own node's extension: each node's stream reports the transfer once); when both are homed here
 * both sides arrive, so each transfer is counted once by its tx id: the first COMMITTED event
 * notifies, the next ones are recognised among the last {@code rememberedTransfers} notified ids.
 */
public final class TokenWatcher implements JuiceExtension {
  public static final String KIND = "large-transfer";
  static final String THRESHOLD = "thresholdHundredths";
  static final String REMEMBERED = "rememberedTransfers";
  static final long DEFAULT_REMEMBERED = 10_000;

  private ExtensionContext context;
  private long thresholdHundredths;
  private RecentIds notified;

  @Override
  public Future<Void> start(ExtensionContext context) {
    try {
      thresholdHundredths = ExampleConfig.whole(context.config(), THRESHOLD, null, 1, Long.MAX_VALUE);
      int remembered = (int) ExampleConfig.whole(context.config(), REMEMBERED, DEFAULT_REMEMBERED, 1, 1_000_000);
      notified = new RecentIds(remembered);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    this.context = context;
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> onEvent(HookEvent event) {
    JsonObject data = event.data();
    if (event.hook() != Hook.TRANSACTION_STATE || !"COMMITTED".equals(EventFields.text(data, "state"))) {
      return Future.succeededFuture();
    }
    String txId = EventFields.text(data, "txId");
    long amount = EventFields.whole(data, "amountHundredths");
    // remembered before the call: the other side's event may arrive while it is in flight
    if (txId.isEmpty() || amount < thresholdHundredths || !notified.add(txId)) {
      return Future.succeededFuture();
    }
    JsonObject payload = new JsonObject()
      .put("txId", txId)
      .put("amountHundredths", amount)
      .put("amount", units(amount))
      .put("payer", EventFields.text(data, "fromId"))
      .put("payee", EventFields.text(data, "toId"))
      .put("thresholdHundredths", thresholdHundredths)
      .put("committedAtMs", EventFields.whole(data, "atMs"))
      .put("reportedBy", EventFields.text(data, "role"))
      .put("reportingNode", EventFields.text(data, "nodeId"));
    // a refused notification is forgotten, so the other side's COMMITTED event can try again
    return context.notify(KIND, payload).onFailure(e -> notified.remove(txId));
  }

  /** Hundredths as units with two decimals ({@code 1234} → {@code "12.34"}). */
  static String units(long hundredths) {
    long abs = Math.abs(hundredths);
    return (hundredths < 0 ? "-" : "") + abs / 100 + "." + (abs % 100 < 10 ? "0" : "") + abs % 100;
  }
}
