package org.juicetokens.lifecycle.egg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.lifecycle.egg.proto.Egg;
import org.juicetokens.token.creation.TokenStoreLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The timer service of the eggs kept here: one Vert.x timer per egg at its stored deadline (set
 * again for every egg at start, so a restart resumes them; a deadline passed while the node was
 * down fires at once and the egg catches up one stored step at a time). A due step runs in the
 * egg's queue: expire, advance, or hatch. The hatch mints the egg's own reserved index (token id
 * fixed at generation), and first looks whether that token exists already (kept here, or refused
 * ALREADY_EXISTS by the mint): a hatch repeated after a crash between the mint and the ACTIVE write
 * mints nothing. A failed step is tried again after egg.retryMs. Event-loop only.
 */
final class Maturation {
  private static final Logger LOG = LoggerFactory.getLogger(Maturation.class);

  private final Vertx vertx;
  private final EggCalls calls;
  private final EggBook book;
  private final KeyedQueue queue;
  private final EggDurations durations;
  private final EggMeters meters;
  private final LongSupplier clock;
  private final long retryMs;
  private final Instrument instrument;
  private final Map<String, Long> timers = new HashMap<>();

  /** Runs a step through the node's Instrumented wrapper. */
  interface Instrument {
    <T> Future<T> run(String operation, String detail, Supplier<Future<T>> work);
  }

  Maturation(Vertx vertx, EggCalls calls, EggBook book, KeyedQueue queue, EggDurations durations, EggMeters meters,
             LongSupplier clock, long retryMs, Instrument instrument) {
    this.vertx = vertx;
    this.calls = calls;
    this.book = book;
    this.queue = queue;
    this.durations = durations;
    this.meters = meters;
    this.clock = clock;
    this.retryMs = retryMs;
    this.instrument = instrument;
  }

  /** Sets the egg's timer at its current deadline (none for a final stage). */
  void schedule(Egg egg) {
    cancel(egg.getId());
    if (EggStages.isFinal(egg.getStage())) {
      return;
    }
    arm(egg.getId(), Math.max(1, EggStages.deadline(egg) - clock.getAsLong()));
  }

  void cancelAll() {
    timers.values().forEach(vertx::cancelTimer);
    timers.clear();
  }

  private void arm(String id, long delayMs) {
    timers.put(id, vertx.setTimer(delayMs, t -> {
      timers.remove(id);
      step(id);
    }));
  }

  private void cancel(String id) {
    Long previous = timers.remove(id);
    if (previous != null) {
      vertx.cancelTimer(previous);
    }
  }

  private void step(String id) {
    queue.run(id, () -> instrument.run("step", id, () -> book.load(id).compose(this::due)))
      .onSuccess(this::schedule)
      .onFailure(f -> {
        LOG.warn("[Lifecycle] egg {}: stage step failed ({}), again in {} ms", id, f.getMessage(), retryMs);
        arm(id, retryMs);
      });
  }

  private Future<Egg> due(Egg egg) {
    return switch (EggStages.due(egg, clock.getAsLong())) {
      case NOTHING -> Future.succeededFuture(egg);
      case EXPIRE -> book.save(EggStages.expire(egg)).onSuccess(e -> meters.expired());
      case ADVANCE -> book.save(EggStages.advance(egg, durations));
      case HATCH -> hatch(egg);
    };
  }

  private Future<Egg> hatch(Egg egg) {
    return calls.get(StoreFamily.TOKENS, TokenStoreLayout.idKey(egg.getTokenId())).compose(kept -> kept.getFound()
        ? Future.succeededFuture() : mint(egg))
      .compose(v -> book.save(EggStages.hatched(egg, clock.getAsLong())))
      .onSuccess(e -> meters.activated())
      // node-local: the extension runtime turns it into egg.hatched events
      .onSuccess(e -> vertx.eventBus().publish(Addresses.EGG_HATCHED, EggViews.egg(e, clock.getAsLong(), durations),
        new DeliveryOptions().setLocalOnly(true)));
  }

  private Future<Void> mint(Egg egg) {
    MintRequest request = MintRequest.newBuilder().setIssuerId(egg.getIssuerId()).setOwnerId(egg.getOwnerId())
      .setReference(egg.getReference()).setDenomination(egg.getDenomination()).setCount(1).setAtIndex(egg.getTokenIndex()).build();
    return calls.ask(Addresses.TOKEN_MINT, request, 3 * calls.timeoutMs(), MintReply.class).<Void>mapEmpty()
      .recover(f -> f instanceof JuiceException je && je.code() == ErrorCode.ALREADY_EXISTS ? Future.succeededFuture() : Future.failedFuture(f));
  }
}
