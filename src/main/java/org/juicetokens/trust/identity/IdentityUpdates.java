package org.juicetokens.trust.identity;

import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.api.v1.RevokeIdentityRequest;
import org.juicetokens.api.v1.RotateKeyRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.storage.proto.StoreWrite;
import org.juicetokens.trust.identity.proto.HomedIdentity;
import org.juicetokens.trust.identity.proto.IdentityDocument;
import org.juicetokens.trust.identity.proto.IdentityLookup;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Key rotation and revocation: asked on any node, run on the home node (forwarded over
 * {@code jt.node.<home>.identity.rotate|revoke}), one update at a time per identity, with the
 * expected sequence checked, the new key and the pending document stored synced before the DHT
 * compare-and-set. Runs on the identity verticle's event loop; nothing here logs.
 */
final class IdentityUpdates {
  private final String nodeId;
  private final EventBus bus;
  private final long timeoutMs;
  private final IdentityOperations identities;
  private final Keystore keystore;
  private final IdentityDht dht;
  private final IdentityMeters meters;
  private final SecureRandom random;
  private final LongSupplier clock;
  private final Set<String> updating = new HashSet<>();

  IdentityUpdates(String nodeId, EventBus bus, long timeoutMs, IdentityOperations identities, Keystore keystore, IdentityDht dht,
                  IdentityMeters meters, SecureRandom random, LongSupplier clock) {
    this.nodeId = nodeId;
    this.bus = bus;
    this.timeoutMs = timeoutMs;
    this.identities = identities;
    this.keystore = keystore;
    this.dht = dht;
    this.meters = meters;
    this.random = random;
    this.clock = clock;
  }

  Future<IdentityView> rotate(RotateKeyRequest request) {
    String id = IdentityIds.require(request.getId(), "id");
    requireSequence(request.getExpectedSequence());
    return identities.isHomed(id) ? rotateHere(request)
      : forward(id, Addresses.IDENTITY_ROTATE_SUFFIX, request, IdentityView.class);
  }

  Future<IdentityView> revoke(RevokeIdentityRequest request) {
    String id = IdentityIds.require(request.getId(), "id");
    requireSequence(request.getExpectedSequence());
    RevocationReasons.check(request.getReason());
    return identities.isHomed(id) ? revokeHere(request)
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
    return identities.signable(id)
      .compose(h -> {
        IdentityDocuments.Signed current = h.current();
        long sequence = h.sequence();
        if (expectedSequence != sequence) {
          return Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "stale sequence: expectedSequence " + expectedSequence
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
            return identities.confirm(step.next(), step.newActiveKey());
          });
      })
      .andThen(ar -> updating.remove(id));
  }

  private <R extends Message> Future<R> forward(String id, String suffix, Message request, Class<R> replyType) {
    return identities.get(IdentityLookup.newBuilder().setIdentityId(id).build()).compose(current -> {
      String home = current.getDocument().getHomeNode();
      if (home.equals(nodeId)) {
        return Future.failedFuture(JuiceException.notFound("identity " + id + " names this node as home, but its keys are not in the keystore"));
      }
      return Bus.request(bus, Addresses.node(home, suffix), request, timeoutMs, replyType);
    });
  }

  private static void requireSequence(long expectedSequence) {
    if (expectedSequence < 1) {
      throw JuiceException.invalidArgument("expectedSequence must be the document's current sequence (>= 1), got " + expectedSequence);
    }
  }

}
