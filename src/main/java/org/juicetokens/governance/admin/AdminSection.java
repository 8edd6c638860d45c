package org.juicetokens.governance.admin;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import org.juicetokens.governance.metrics.OperationStats;

/**
 * One layer's part of the admin snapshot, gathered by asking the layer over the event bus: the
 * JSON goes into the snapshot under {@link #name()} (numbers as numbers, for drawing). A failed
 * gathering shows as that section being unavailable; the rest of the snapshot still shows.
 * Layers added after the transport issue contribute their section through {@link AdminSections}.
 */
public interface AdminSection {

  /** The snapshot field, also the panel's data source in the console ({@code identities}, {@code tokens}...). */
  String name();

  /** Asks the layer (every request with {@code timeoutMs}); {@code stats} holds the instrumented operation totals. */
  Future<JsonObject> gather(EventBus bus, long timeoutMs, OperationStats stats);
}
