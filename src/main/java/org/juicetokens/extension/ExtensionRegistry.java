package org.juicetokens.extension;

import io.vertx.core.Future;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.Errors;
import org.juicetokens.common.JuiceException;
import org.juicetokens.extension.proto.ExtensionManifest;
import org.juicetokens.extension.proto.ExtensionRecord;
import org.juicetokens.extension.proto.ExtensionState;
import org.juicetokens.extension.proto.SignedManifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The node's extension registry: the persisted records (the store is the truth, mirrored in
 * memory for reads from any thread) and the state machine ({@link ExtensionStates}) driving the
 * runtime. Every change is checked first and written (synced) before it is answered; a refused
 * call writes nothing. Calls on one id run one after the other. Call the mutating methods on one
 * event loop (the verticle's).
 */
public final class ExtensionRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ExtensionRegistry.class);

  private final ExtensionStore store;
  private final ExtensionRuntime runtime;
  private final ManifestCheck check;
  private final LongSupplier clock;
  private final Map<String, ExtensionRecord> mirror = new ConcurrentHashMap<>();
  private final Map<String, Future<?>> tails = new HashMap<>();

  public ExtensionRegistry(ExtensionStore store, ExtensionRuntime runtime, ManifestCheck check, LongSupplier clock) {
    this.store = store;
    this.runtime = runtime;
    this.check = check;
    this.clock = clock;
  }

  /**
   * Loads the stored records and starts again every extension stored ACTIVE (a failure leaves it in
   * ERROR with the reason); PAUSED, DISABLED and the others stay as they were. Answers the records.
   */
  public Future<List<ExtensionRecord>> restore() {
    return store.loadAll().compose(records -> {
      records.forEach(r -> mirror.put(r.getSigned().getManifest().getId(), r));
      Future<Void> chain = Future.succeededFuture();
      for (ExtensionRecord r : records) {
        if (r.getState() == ExtensionState.ACTIVE) {
          String id = r.getSigned().getManifest().getId();
          chain = chain.compose(v -> queued(id, () -> start(mirror.get(id), "re-activation at start failed: ")).<Void>mapEmpty()
            .recover(failure -> {
              LOG.warn("[Extension] {} not re-activated: {}", id, failure.getMessage());
              return Future.succeededFuture();
            }));
        }
      }
      return chain.map(v -> list());
    });
  }

  /** Checks and stores the manifest as REGISTERED; ALREADY_EXISTS when the id is taken. */
  public Future<ExtensionRecord> register(SignedManifest signed) {
    String id = signed.getManifest().getId();
    return queued(id, () -> {
      check.check(signed);
      if (mirror.containsKey(id)) {
        throw new JuiceException(ErrorCode.ALREADY_EXISTS, "extension " + id + " is already registered");
      }
      long now = clock.getAsLong();
      ExtensionRecord record = ExtensionRecord.newBuilder().setSigned(signed).setState(ExtensionState.REGISTERED)
        .setRegisteredAtMs(now).setStateChangedAtMs(now).build();
      return save(record);
    });
  }

  /** Every record, by id. */
  public List<ExtensionRecord> list() {
    return mirror.values().stream().sorted(Comparator.comparing(r -> r.getSigned().getManifest().getId())).toList();
  }

  /** The record; NOT_FOUND when no such extension is registered. */
  public ExtensionRecord get(String id) {
    ExtensionRecord record = mirror.get(id);
    if (record == null) {
      throw JuiceException.notFound("unknown extension " + id);
    }
    return record;
  }

  /** How many extensions are in each state (every state listed). */
  public Map<ExtensionState, Integer> counts() {
    Map<ExtensionState, Integer> counts = new EnumMap<>(ExtensionState.class);
    for (ExtensionState state : ExtensionState.values()) {
      if (state != ExtensionState.STATE_UNSPECIFIED && state != ExtensionState.UNRECOGNIZED) {
        counts.put(state, 0);
      }
    }
    mirror.values().forEach(r -> counts.merge(r.getState(), 1, Integer::sum));
    return counts;
  }

  /** Re-checks the manifest and starts it: ACTIVE, or ERROR with the reason when the check or the runtime refuses. */
  public Future<ExtensionRecord> activate(String id) {
    return queued(id, () -> {
      ExtensionRecord record = get(id);
      ExtensionStates.require(id, record.getState(), ExtensionState.ACTIVE);
      return start(record, "activation failed: ");
    });
  }

  /** ACTIVE → PAUSED: the runtime stops delivering and undeploys it. */
  public Future<ExtensionRecord> pause(String id) {
    return stop(id, ExtensionState.PAUSED, "");
  }

  /** Any state but DISABLED → DISABLED, stopped if it ran. */
  public Future<ExtensionRecord> disable(String id) {
    return stop(id, ExtensionState.DISABLED, "disabled by the operator");
  }

  /**
   * The runtime cut the extension off: persists {@code state} (ERROR or DISABLED) with the reason
   * when the extension was ACTIVE or PAUSED; a fault about anything else (already stopped) is ignored.
   */
  public Future<ExtensionRecord> fault(String id, ExtensionState state, String reason) {
    return queued(id, () -> {
      ExtensionRecord record = mirror.get(id);
      if (record == null || (record.getState() != ExtensionState.ACTIVE && record.getState() != ExtensionState.PAUSED)
        || !ExtensionStates.allowed(record.getState(), state)) {
        LOG.info("[Extension] fault of {} ignored ({} while {}): {}", id, state, record == null ? "unknown" : record.getState(), reason);
        return Future.succeededFuture(record);
      }
      LOG.warn("[Extension] {} cut off by the runtime → {}: {}", id, state, reason);
      return runtime.deactivate(id).recover(failure -> Future.succeededFuture())
        .compose(v -> save(ExtensionStates.step(record, state, reason, clock.getAsLong())));
    });
  }

  private Future<ExtensionRecord> stop(String id, ExtensionState to, String reason) {
    return queued(id, () -> {
      ExtensionRecord record = get(id);
      ExtensionStates.require(id, record.getState(), to);
      Future<Void> stopped;
      try {
        stopped = runtime.deactivate(id);
      } catch (RuntimeException e) {
        stopped = Future.failedFuture(e);
      }
      long now = clock.getAsLong();
      return stopped.transform(ar -> ar.succeeded()
        ? save(ExtensionStates.step(record, to, reason, now))
        : save(ExtensionStates.step(record, ExtensionState.ERROR, "stop failed: " + message(ar.cause()), now)));
    });
  }

  /** Check and runtime activation; the outcome (ACTIVE, or ERROR with why) stored. A stored ACTIVE record that starts is not rewritten. */
  private Future<ExtensionRecord> start(ExtensionRecord record, String failurePrefix) {
    ExtensionManifest manifest = record.getSigned().getManifest();
    Future<Void> started;
    try {
      check.check(record.getSigned());
      started = runtime.activate(manifest);
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    return started.transform(ar -> {
      long now = clock.getAsLong();
      if (ar.failed()) {
        LOG.warn("[Extension] {} {}{}", manifest.getId(), failurePrefix, message(ar.cause()));
        return save(ExtensionStates.step(record, ExtensionState.ERROR, failurePrefix + message(ar.cause()), now));
      }
      if (record.getState() == ExtensionState.ACTIVE) {
        return Future.succeededFuture(record);
      }
      // running but not recorded ACTIVE would be a verticle the registry does not know about: stop it again
      return save(ExtensionStates.step(record, ExtensionState.ACTIVE, "", now))
        .recover(failure -> runtime.deactivate(manifest.getId()).transform(ignored -> Future.failedFuture(failure)));
    });
  }

  private Future<ExtensionRecord> save(ExtensionRecord record) {
    return store.save(record).map(v -> {
      mirror.put(record.getSigned().getManifest().getId(), record);
      return record;
    });
  }

  private <T> Future<T> queued(String id, Supplier<Future<T>> work) {
    Future<?> previous = tails.getOrDefault(id, Future.succeededFuture());
    Future<T> mine = previous.transform(ignored -> {
      try {
        return work.get();
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    });
    tails.put(id, mine);
    mine.onComplete(ar -> tails.remove(id, mine));
    return mine;
  }

  /** The failure as a reason: its own message (the runtime's words), else what the error contract makes of it. */
  private static String message(Throwable failure) {
    if (failure.getMessage() != null && !failure.getMessage().isBlank()) {
      return failure.getMessage();
    }
    JuiceException juice = Errors.toJuice(failure);
    return juice.getMessage() == null ? juice.code().name() : juice.getMessage();
  }
}
