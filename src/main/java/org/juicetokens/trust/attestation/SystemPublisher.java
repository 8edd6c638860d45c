package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreAck;
import org.juicetokens.foundation.storage.proto.StoreDelete;
import org.juicetokens.foundation.storage.proto.StoreEntry;
import org.juicetokens.foundation.storage.proto.StoreGet;
import org.juicetokens.foundation.storage.proto.StoreScan;
import org.juicetokens.foundation.storage.proto.StoreScanResult;
import org.juicetokens.foundation.storage.proto.StoreValue;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.node.NodeKey;
import org.juicetokens.token.transaction.proto.SystemAttestation;
import org.juicetokens.token.transaction.proto.TxState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Publishes this node's system attestations, asynchronously, from an outbox: the transaction layer
 * writes {@code syspub/<identityId>/<txId>} next to {@code sys/<identityId>/<txId>} in the commit
 * batch (token.transaction.TxWrites), so a commit never waits for the DHT and no committed side is
 * ever forgotten. A drain (at start, and on each COMMITTED event of this node) registers the node
 * key, then for each marker signs the sys/ record with the node key, claims it in the DHT, adds it to
 * the subject's index and deletes the marker. A failed drain is retried with exponential backoff.
 * Runs on the verticle's event loop only: its state needs no lock.
 */
final class SystemPublisher {
  static final String OUTBOX = "syspub/";
  private static final Logger LOG = LoggerFactory.getLogger(SystemPublisher.class);
  private static final int ATTEMPTS = 5;

  /** What it needs to know: the node's signing key, the outbox batch, the index bound and the retry backoff. */
  record Options(String nodeId, NodeKey key, long timeoutMs, int batch, int maxIds, long retryMs, long maxRetryMs) {
  }

  private final Vertx vertx;
  private final EventBus bus;
  private final Options settings;
  private final NodeKeyRegistry registry;
  private final SystemAttestationDht dht;
  private final AttestationMeters meters;
  private final Instrumented instrumented;
  private MessageConsumer<TransferEvent> events;
  private volatile boolean registered;
  private boolean running;
  private boolean again;
  private boolean stopped;
  private volatile long backoffMs;
  private long timer = -1;

  SystemPublisher(Vertx vertx, Options settings, NodeKeyRegistry registry, SystemAttestationDht dht, AttestationMeters meters,
                  Instrumented instrumented) {
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.settings = settings;
    this.registry = registry;
    this.dht = dht;
    this.meters = meters;
    this.instrumented = instrumented;
  }

  /** Subscribes to this node's commits and resumes the outbox left by an earlier run. */
  Future<Void> start() {
    events = bus.localConsumer(Addresses.TX_EVENTS_LOCAL, m -> {
      TransferEvent e = m.body();
      if (e.getState() == TxState.COMMITTED && e.getNodeId().equals(settings.nodeId())) {
        drain();
      }
    });
    return events.completion().onSuccess(v -> drain());
  }

  /** For the health data: whether this node's key is in the registry, and the current retry delay (0 = not failing). */
  boolean keyRegistered() {
    return registered;
  }

  long retryDelayMs() {
    return backoffMs;
  }

  Future<Void> stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return events == null ? Future.succeededFuture() : events.unregister();
  }

  private void drain() {
    if (stopped) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    once().onComplete(more -> {
      running = false;
      backoffMs = 0;
      if (again || more) {
        drain();
      }
    }, failure -> {
      running = false;
      backoffMs = backoffMs == 0 ? settings.retryMs() : Math.min(settings.maxRetryMs(), backoffMs * 2);
      LOG.warn("[Attestation] [node: {}] publishing system attestations failed ({}); retrying in {} ms", settings.nodeId(),
        failure.getMessage(), backoffMs);
      if (!stopped) {
        timer = vertx.setTimer(backoffMs, t -> {
          timer = -1;
          drain();
        });
      }
    });
  }

  /** One batch of the outbox, in key order; true when the batch was full (more may wait). */
  private Future<Boolean> once() {
    Future<Void> ready = registered ? Future.succeededFuture() : registry.register(ATTEMPTS).onSuccess(v -> registered = true);
    return ready.compose(v -> Bus.request(bus, Addresses.STORAGE_SCAN, StoreScan.newBuilder().setFamily(StoreFamily.ATTESTATIONS.dbName())
      .setPrefix(ByteString.copyFrom(OUTBOX, StandardCharsets.UTF_8)).setLimit(settings.batch()).build(), settings.timeoutMs(),
      StoreScanResult.class)).compose(scan -> {
        Future<Void> chain = Future.succeededFuture();
        List<StoreEntry> entries = scan.getEntriesList();
        for (StoreEntry entry : entries) {
          chain = chain.compose(x -> instrumented.run(Layer.ATTESTATION, "system.publish", "", () -> publish(entry.getKey())));
        }
        return chain.map(x -> entries.size() >= settings.batch());
      });
  }

  /** Publishes the sys/ record of one marker, then deletes the marker (a marker without a record is dropped). */
  private Future<Void> publish(ByteString marker) {
    String rest = marker.toStringUtf8().substring(OUTBOX.length());
    ByteString recordKey = ByteString.copyFrom("sys/" + rest, StandardCharsets.UTF_8);
    return Bus.request(bus, Addresses.STORAGE_GET, StoreGet.newBuilder().setFamily(StoreFamily.ATTESTATIONS.dbName()).setKey(recordKey)
      .build(), settings.timeoutMs(), StoreValue.class).compose(value -> {
        SystemAttestation attestation = value.getFound() ? parse(value.getValue()) : null;
        if (attestation == null) {
          return done(marker);
        }
        String id = SystemAttestations.id(attestation.getTxId(), attestation.getIdentityId());
        var signed = SystemAttestations.sign(attestation, settings.nodeId(), settings.key().publicKey(), settings.key()::sign);
        return dht.claim(id, signed).compose(claim -> {
          if (claim == SystemAttestationDht.Claim.TAKEN) {
            LOG.warn("[Attestation] [node: {}] system attestation {} is held by another record; not published", settings.nodeId(), id);
            meters.created("system", "refused");
            return done(marker);
          }
          // a re-publication (the payer's finalized COMMITTED rewrites the marker) completes the index, counted once
          return dht.addToIndex(attestation.getIdentityId(), id, settings.maxIds(), ATTEMPTS)
            .onSuccess(v -> {
              if (claim == SystemAttestationDht.Claim.CLAIMED) {
                meters.created("system", "ok");
              }
            }).compose(v -> done(marker));
        });
      }).recover(failure -> {
        if (failure instanceof JuiceException je && je.code() == ErrorCode.INVALID_ARGUMENT) {
          // the DHT will never take it (e.g. a key it refuses): dropped, so it cannot block the outbox behind it
          LOG.warn("[Attestation] [node: {}] system attestation {} refused by the DHT: {}", settings.nodeId(), rest, je.getMessage());
          meters.created("system", "refused");
          return done(marker);
        }
        meters.created("system", "failed");
        return Future.failedFuture(failure);
      });
  }

  private Future<Void> done(ByteString marker) {
    return Bus.request(bus, Addresses.STORAGE_DELETE, StoreDelete.newBuilder().setFamily(StoreFamily.ATTESTATIONS.dbName()).setKey(marker)
      .build(), settings.timeoutMs(), StoreAck.class).mapEmpty();
  }

  private static SystemAttestation parse(ByteString bytes) {
    try {
      return SystemAttestation.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }
}
