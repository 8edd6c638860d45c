package org.juicetokens.api.grpc;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.common.Addresses;

/**
 * The node's one clustered subscription to {@link Addresses#TX_EVENTS} (events of every member's
 * exchanges), re-published node-locally on {@link Addresses#TX_EVENTS_LOCAL}. A node-local
 * consumer does not receive events published by another member, and a clustered consumer per
 * watcher would cost a cluster round trip before the watcher could start its transfer.
 */
public final class TransferEventRelay {
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final EventBus bus;
  private MessageConsumer<Object> consumer;

  public TransferEventRelay(EventBus bus) {
    this.bus = bus;
  }

  /** Completes once the subscription is known to the cluster. */
  public Future<Void> start() {
    consumer = bus.consumer(Addresses.TX_EVENTS, m -> {
      if (m.body() instanceof TransferEvent event) {
        bus.publish(Addresses.TX_EVENTS_LOCAL, event, LOCAL);
      }
    });
    return consumer.completion();
  }

  public Future<Void> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }
}
