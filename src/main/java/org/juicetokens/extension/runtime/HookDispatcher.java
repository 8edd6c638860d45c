package org.juicetokens.extension.runtime;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import org.juicetokens.common.Addresses;
import org.juicetokens.extension.spi.Hook;
import org.juicetokens.extension.spi.HookEvent;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The node's event sources, subscribed once per node and turned into hook events. The clustered
 * publications (TX_EVENTS, ATTESTATION_EVENTS, RENEWAL_EVENTS) reach every member: only those of
 * this node pass (HookEvents filters by origin), so a cluster delivers each event once. The others
 * (TOKEN_CREATED, EGG_HATCHED, HEALTH_CHANGED) are node-local publications of this node.
 * An event is converted (its proto3 JSON printed) only while some active extension receives its
 * hook: with none, a transfer costs the dispatcher one look at the subscribers.
 */
final class HookDispatcher {
  private final EventBus bus;
  private final HookEvents events;
  private final Predicate<Hook> subscribed;
  private final Consumer<HookEvent> deliver;
  private List<MessageConsumer<Object>> consumers = List.of();

  /** @param subscribed whether an active extension receives a hook now (asked per event) */
  HookDispatcher(EventBus bus, HookEvents events, Predicate<Hook> subscribed, Consumer<HookEvent> deliver) {
    this.bus = bus;
    this.events = events;
    this.subscribed = subscribed;
    this.deliver = deliver;
  }

  /** Completes once the clustered subscriptions are known to the cluster. */
  Future<Void> start() {
    consumers = List.of(
      bus.consumer(Addresses.TX_EVENTS, m -> pass(Hook.TRANSACTION_STATE, events::transfer, m.body())),
      bus.consumer(Addresses.ATTESTATION_EVENTS, m -> pass(Hook.ATTESTATION_CREATED, events::attestation, m.body())),
      bus.consumer(Addresses.RENEWAL_EVENTS, m -> pass(Hook.RENEWAL_COMPLETED, events::renewal, m.body())),
      bus.localConsumer(Addresses.TOKEN_CREATED, m -> pass(Hook.TOKEN_CREATED, events::tokenCreated, m.body())),
      bus.localConsumer(Addresses.EGG_HATCHED, m -> pass(Hook.EGG_HATCHED, events::eggHatched, m.body())),
      bus.localConsumer(Addresses.HEALTH_CHANGED, m -> pass(Hook.HEALTH_CHANGED, events::healthChanged, m.body())));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }

  Future<Void> stop() {
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  private void pass(Hook hook, Function<Object, Optional<HookEvent>> convert, Object body) {
    if (subscribed.test(hook)) {
      convert.apply(body).ifPresent(deliver);
    }
  }
}
