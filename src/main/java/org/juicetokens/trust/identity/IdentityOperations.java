package org.juicetokens.trust.identity;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.RevokeIdentityRequest;
import org.juicetokens.api.v1.RotateKeyRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.Errors;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.storage.proto.StoreWrite;
import org.juicetokens.trust.identity.proto.HomedIdentity;
import org.juicetokens.trust.identity.proto.IdentityDocument;
import org.juicetokens.trust.identity.proto.IdentityLookup;
import org.juicetokens.trust.identity.proto.IdentitySignRequest;
import org.juicetokens.trust.identity.proto.IdentitySignature;
import org.juicetokens.trust.identity.proto.IdentityStatus;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.juicetokens.trust.identity.proto.SignedIdentityDocument;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What the identity layer does, one method per request: create, read (verified), sign, rotate
 * and revoke (on the home node; other nodes forward).
 * Runs on the identity verticle's event loop (every state change happens there); blocking work
 * goes over the storage and DHT buses. Private keys never leave this object and the keystore,
 * and nothing here logs.
 */
final class IdentityOperations {
  private final String nodeId;
  private final EventBus bus;
  private final long timeoutMs;
  private final int maxNameChars;
  private final Keystore keystore;
  private final IdentityDht dht;
  private final HomedIdentities homed;
  private final KnownDocuments known;
  private final IdentityMeters meters;
  private final SecureRandom random;
  private final LongSupplier clock;
  private final Set<String> updating = new HashSet<>();

  IdentityOperations(String nodeId, EventBus bus, long timeoutMs, int maxNameChars, Keystore keystore, IdentityDht dht,
                     HomedIdentities homed, KnownDocuments known, IdentityMeters meters, SecureRandom random, LongSupplier clock) {
    this.nodeId = nodeId;
    this.bus = bus;
    this.timeoutMs = timeoutMs;
    this.maxNameChars = maxNameChars;
    this.keystore = keystore;
    this.dht = dht;
    this.homed = homed;
    this.known = known;
    this.meters = meters;
    this.random = random;
    this.clock = clock;
  }

  /**
   * A new identity homed here: the key is stored (sealed, synced) with the document as pending,
   * then the document is claimed in the DHT, then marked published (unsynced: a lost mark is
   * redone at the next start, seeing the document in the DHT).
   */
  Future<IdentityView> create(CreateIdentityRequest request) {
    String name = DisplayNames.normalize(request.getDisplayName(), maxNameChars);
    Ed25519.PrivateKey key = meters.generateKey(random);
    IdentityDocuments.Signed created = IdentityDocuments.create(key, name, nodeId, clock.getAsLong());
    String id = created.id();
    List<StoreWrite> step = List.of(Keystore.keyWrite(keystore.seal(id, 0, key)),
      Keystore.homeWrite(id, HomedIdentity.newBuilder().setPending(created.signed()).build()));
    return keystore.write(step, true)
      .compose(stored -> dht.publish(created, key, null))
      .compose(result -> {
        if (!result.getApplied()) {
          // two keys with the same id: only by a broken random source; leave nothing behind
          return keystore.write(List.of(Keystore.keyDelete(id, 0), Keystore.homeDelete(id)), true)
            .transform(ignored -> Future.failedFuture(new JuiceException(ErrorCode.ALREADY_EXISTS, "identity " + id + " already exists")));
        }
        return confirm(created, key);
      });
  }

  /** The current document from the DHT, checked here (signature, key chain, id, not older than one seen before). */
  Future<IdentityView> get(IdentityLookup lookup) {
    String id = IdentityIds.require(lookup.getIdentityId(), "identity_id");
    return dht.read(id, true)
      .recover(failure -> Errors.toJuice(failure).code() == ErrorCode.UNAUTHENTICATED ? explainRejection(id) : Future.failedFuture(failure))
      .compose(found -> {
        if (found.isEmpty()) {
          return Future.failedFuture(JuiceException.notFound("no identity " + id));
        }
        SignedIdentityDocument signed = found.get();
        Verification verification = IdentityDocuments.verify(signed, known.get(id));
        if (!verification.isValid()) {
          return Future.failedFuture(rejected(id, verification.rejection(), verification.message()));
        }
        meters.verified();
        known.remember(verification.document());
        return Future.succeededFuture(view(new IdentityDocuments.Signed(verification.document(), signed)));
      });
  }

  /** Signs with the active key of an identity homed here (node-local contract of IDENTITY_SIGN). */
  Future<IdentitySignature> sign(IdentitySignRequest request) {
    String id = IdentityIds.require(request.getIdentityId(), "identity_id");
    return signable(id).map(h -> IdentitySignature.newBuilder()
      .setIdentityId(id)
      .setPublicKey(ByteString.copyFrom(h.current().activePublicKey()))
      .setKeyIndex(h.current().document().getActiveKey())
      .setSignature(ByteString.copyFrom(h.activeKey().sign(request.getData().toByteArray())))
      .build());
  }

  /** The homed identity with its active key loaded; NOT_FOUND when not homed here, PERMISSION_DENIED unless ACTIVE. */
  Future<HomedIdentities.Homed> signable(String id) {
    HomedIdentities.Homed h = homed.get(id);
    if (h == null) {
      return Future.failedFuture(JuiceException.notFound("identity " + id + " is not homed on node " + nodeId));
    }
    IdentityStatus status = h.current().document().getStatus();
    if (status != IdentityStatus.ACTIVE) {
      return Future.failedFuture(new JuiceException(ErrorCode.PERMISSION_DENIED, "identity " + id + " is " + status + "; it cannot sign nor be updated"));
    }
    if (h.activeKey() != null) {
      return Future.succeededFuture(h);
    }
    long sequence = h.sequence();
    return keystore.loadKey(id, h.current().document().getActiveKey())
      .map(sealed -> homed.attachKey(id, sequence, keystore.open(sealed)))
      .compose(loaded -> loaded.activeKey() == null || loaded.sequence() != sequence ? signable(id) : Future.succeededFuture(loaded));
  }

  Future<IdentityView> rotate(RotateKeyRequest request) {
    String id = IdentityIds.require(request.getId(), "id");
    requireSequence(request.getExpectedSequence());
    return homed.get(id) != null ? rotateHere(request)
      : forward(id, Addresses.IDENTITY_ROTATE_SUFFIX, request, IdentityView.class);
  }

  Future<IdentityView> revoke(RevokeIdentityRequest request) {
    String id = IdentityIds.require(request.getId(), "id");
    requireSequence(request.getExpectedSequence());
    RevocationReasons.check(request.getReason());
    return homed.get(id) != null ? revokeHere(request)
      : forward(id, Addresses.IDENTITY_REVOKE_SUFFIX, request, IdentityView.class);
  }

  /** Rotation on the home node: a new key endorsed by the old, stored synced before the document is published. */
  Future<IdentityView> rotateHere(RotateKeyRequest request) {
    return update(request.getId(), request.getExpectedSequence(), (current, activeKey) -> {
      Ed25519.PrivateKey newKey = meters.generateKey(random);
      IdentityDocuments.Signed next = IdentityDocuments.rotate(current.document(), activeKey, newKey, clock.getAsLong());
      return new Step(next, newKey, List.of(Keystore.keyWrite(keystore.seal(next.id(), next.document().getActiveKey(), newKey))));
    });
  }

  Future<IdentityView> revokeHere(RevokeIdentityRequest request) {
    String reason = RevocationReasons.check(request.getReason());
    return update(request.getId(), request.getExpectedSequence(), (current, activeKey) -> {
      IdentityDocument revoked = IdentityDocuments.revoke(current.document(), activeKey, clock.getAsLong()).document()
        .toBuilder().setRevocationReason(reason).build();
      return new Step(IdentityDocuments.sign(revoked, revoked.getActiveKey(), activeKey), null, List.of());
    });
  }

  private record Step(IdentityDocuments.Signed next, Ed25519.PrivateKey newActiveKey, List<StoreWrite> writes) {
  }

  @FunctionalInterface
  private interface StepMaker {
    Step make(IdentityDocuments.Signed current, Ed25519.PrivateKey activeKey);
  }

  /**
   * One update of a homed identity, one at a time per identity: the expected sequence must be the
   * current one; the step's keys and the pending document are stored synced in one batch; the DHT
   * entry is replaced only if it still holds the current document (else CONFLICT, and the pending
   * document is dropped).
   */
  private Future<IdentityView> update(String id, long expectedSequence, StepMaker maker) {
    IdentityIds.require(id, "id");
    if (!updating.add(id)) {
      return Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "another update of identity " + id + " is in progress"));
    }
    return signable(id)
      .compose(h -> {
        IdentityDocuments.Signed current = h.current();
        long sequence = h.sequence();
        if (expectedSequence != sequence) {
          return Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "stale sequence: expected_sequence " + expectedSequence
            + ", but identity " + id + " is at sequence " + sequence));
        }
        Step step = maker.make(current, h.activeKey());
        List<StoreWrite> writes = new ArrayList<>(step.writes());
        writes.add(Keystore.homeWrite(id, HomedIdentity.newBuilder().setPublished(current.signed()).setPending(step.next().signed()).build()));
        return keystore.write(writes, true)
          .compose(stored -> dht.publish(step.next(), h.activeKey(), current.signed()))
          .compose(result -> {
            if (!result.getApplied()) {
              return keystore.write(List.of(Keystore.homeWrite(id, HomedIdentity.newBuilder().setPublished(current.signed()).build())), true)
                .transform(ignored -> Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "identity " + id
                  + " changed in the DHT meanwhile (compare-and-set refused); read it again and retry")));
            }
            return confirm(step.next(), step.newActiveKey());
          });
      })
      .andThen(ar -> updating.remove(id));
  }

  /** After the DHT accepted {@code signed}: into memory, then the keystore record marked published. */
  private Future<IdentityView> confirm(IdentityDocuments.Signed signed, Ed25519.PrivateKey activeKey) {
    homed.put(signed, activeKey);
    known.remember(signed.document());
    return keystore.write(List.of(Keystore.homeWrite(signed.id(), HomedIdentity.newBuilder().setPublished(signed.signed()).build())), false)
      .map(ack -> view(signed));
  }

  private <R extends Message> Future<R> forward(String id, String suffix, Message request, Class<R> replyType) {
    return get(IdentityLookup.newBuilder().setIdentityId(id).build()).compose(current -> {
      String home = current.getDocument().getHomeNode();
      if (home.equals(nodeId)) {
        return Future.failedFuture(JuiceException.notFound("identity " + id + " names this node as home, but its keys are not in the keystore"));
      }
      return Bus.request(bus, Addresses.node(home, suffix), request, timeoutMs, replyType);
    });
  }

  /** After the DHT refused an entry: re-read it unchecked to say why (counted), and fail UNAUTHENTICATED. */
  private Future<Optional<SignedIdentityDocument>> explainRejection(String id) {
    return dht.read(id, false).compose(found -> {
      Verification verification = found.map(s -> IdentityDocuments.verify(s, known.get(id))).orElse(null);
      Rejection reason = verification == null || verification.isValid() ? Rejection.ENTRY_SIGNATURE : verification.rejection();
      String message = verification == null || verification.isValid() ? "the DHT entry's signature does not check" : verification.message();
      return Future.failedFuture(rejected(id, reason, message));
    });
  }

  private JuiceException rejected(String id, Rejection reason, String message) {
    meters.rejected(reason);
    return new JuiceException(ErrorCode.UNAUTHENTICATED, "identity document of " + id + " rejected (" + reason.tag() + "): " + message);
  }

  private static void requireSequence(long expectedSequence) {
    if (expectedSequence < 1) {
      throw JuiceException.invalidArgument("expected_sequence must be the document's current sequence (>= 1), got " + expectedSequence);
    }
  }

  static IdentityView view(IdentityDocuments.Signed signed) {
    return IdentityView.newBuilder()
      .setDocument(signed.document())
      .setSigned(signed.signed())
      .setVerified(true)
      .setActivePublicKey(ByteString.copyFrom(signed.activePublicKey()))
      .build();
  }

  boolean isHomed(String id) {
    return homed.get(id) != null;
  }
}
