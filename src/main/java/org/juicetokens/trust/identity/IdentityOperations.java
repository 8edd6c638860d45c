package org.juicetokens.trust.identity;

import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.Errors;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.storage.proto.StoreWrite;
import org.juicetokens.trust.identity.proto.HomedIdentity;
import org.juicetokens.trust.identity.proto.IdentityLookup;
import org.juicetokens.trust.identity.proto.IdentitySignRequest;
import org.juicetokens.trust.identity.proto.IdentitySignature;
import org.juicetokens.trust.identity.proto.IdentityStatus;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.juicetokens.trust.identity.proto.SignedIdentityDocument;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What the identity layer does for creation, verified reads and signing, and what updates and
 * proofs build on ({@link #signable}, {@link #confirm}).
 * Runs on the identity verticle's event loop (every state change happens there); blocking work
 * goes over the storage and DHT buses. Private keys never leave this object and the keystore,
 * and nothing here logs.
 */
final class IdentityOperations {
  private final String nodeId;
  private final int maxNameChars;
  private final Keystore keystore;
  private final IdentityDht dht;
  private final HomedIdentities homed;
  private final KnownDocuments known;
  private final IdentityMeters meters;
  private final SecureRandom random;
  private final LongSupplier clock;

  IdentityOperations(String nodeId, int maxNameChars, Keystore keystore, IdentityDht dht,
                     HomedIdentities homed, KnownDocuments known, IdentityMeters meters, SecureRandom random, LongSupplier clock) {
    this.nodeId = nodeId;
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

  /**
   * The current document from the DHT, checked (signature, key chain, id) by the DHT's
   * IdentityEntryVerifier on this very read, and here not older than one seen before. A document
   * the DHT did not mark verified is verified here in full.
   */
  Future<IdentityView> get(IdentityLookup lookup) {
    String id = IdentityIds.require(lookup.getIdentityId(), "identityId");
    return dht.readEntry(id, true)
      .recover(failure -> Errors.toJuice(failure).code() == ErrorCode.UNAUTHENTICATED
        ? this.<Optional<IdentityDht.Read>>explainRejection(id) : Future.failedFuture(failure))
      .compose(found -> {
        if (found.isEmpty()) {
          return Future.failedFuture(JuiceException.notFound("no identity " + id));
        }
        SignedIdentityDocument signed = found.get().signed();
        Verification verification = found.get().verified()
          ? IdentityDocuments.againstKnown(signed, known.get(id))
          : IdentityDocuments.verify(signed, known.get(id));
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
    String id = IdentityIds.require(request.getIdentityId(), "identityId");
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

  /** After the DHT accepted {@code signed}: into memory, then the keystore record marked published. */
  Future<IdentityView> confirm(IdentityDocuments.Signed signed, Ed25519.PrivateKey activeKey) {
    homed.put(signed, activeKey);
    known.remember(signed.document());
    return keystore.write(List.of(Keystore.homeWrite(signed.id(), HomedIdentity.newBuilder().setPublished(signed.signed()).build())), false)
      .map(ack -> view(signed));
  }

  /** After the DHT refused an entry: re-read it unchecked to say why (counted), and fail UNAUTHENTICATED. */
  private <T> Future<T> explainRejection(String id) {
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
