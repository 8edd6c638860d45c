package org.juicetokens.trust.identity;

import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.api.v1.Challenge;
import org.juicetokens.api.v1.ChallengeRequest;
import org.juicetokens.api.v1.Proof;
import org.juicetokens.api.v1.ProofVerdict;
import org.juicetokens.api.v1.ProveRequest;
import org.juicetokens.api.v1.VerifyProofRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.crypto.Hex;
import org.juicetokens.trust.identity.proto.IdentityDocument;
import org.juicetokens.trust.identity.proto.IdentityLookup;
import org.juicetokens.trust.identity.proto.IdentityStatus;

/**
 * Proof of control (PROTOCOL.md §Identities): this node issues a single-use challenge for an
 * identity, the identity's home node signs it with the active key ({@link Challenges#proofBytes}),
 * and this node checks the signature against the current document. A proof by a retired key is
 * refused, and the verdict names that key.
 */
final class ProofOfControl {
  private final String nodeId;
  private final EventBus bus;
  private final long timeoutMs;
  private final IdentityOperations identities;
  private final Challenges challenges;

  ProofOfControl(String nodeId, EventBus bus, long timeoutMs, IdentityOperations identities, Challenges challenges) {
    this.nodeId = nodeId;
    this.bus = bus;
    this.timeoutMs = timeoutMs;
    this.identities = identities;
    this.challenges = challenges;
  }

  /** A challenge for an identity that exists (NOT_FOUND otherwise). */
  Future<Challenge> challenge(ChallengeRequest request) {
    String id = IdentityIds.require(request.getId(), "id");
    return identities.get(lookup(id)).map(view -> {
      Challenges.Issued issued = challenges.issue(id);
      return Challenge.newBuilder().setId(id).setChallenge(ByteString.copyFrom(issued.challenge())).setExpiresAtMs(issued.expiresAtMs()).build();
    });
  }

  /** Signs a challenge on the home node (forwarded there from any other node). */
  Future<Proof> prove(ProveRequest request) {
    String id = IdentityIds.require(request.getId(), "id");
    requireChallenge(request.getChallenge());
    if (identities.isHomed(id)) {
      return proveHere(request);
    }
    return identities.get(lookup(id)).compose(view -> {
      String home = view.getDocument().getHomeNode();
      if (home.equals(nodeId)) {
        return Future.failedFuture(JuiceException.notFound("identity " + id + " names this node as home, but its keys are not in the keystore"));
      }
      return Bus.request(bus, Addresses.node(home, Addresses.IDENTITY_PROVE_SUFFIX), request, timeoutMs, Proof.class);
    });
  }

  Future<Proof> proveHere(ProveRequest request) {
    String id = IdentityIds.require(request.getId(), "id");
    requireChallenge(request.getChallenge());
    return identities.signable(id).map(h -> Proof.newBuilder()
      .setId(id)
      .setChallenge(request.getChallenge())
      .setSignature(ByteString.copyFrom(h.activeKey().sign(Challenges.proofBytes(id, request.getChallenge().toByteArray()))))
      .setPublicKey(Hex.of(h.current().activePublicKey()))
      .setKeyIndex(h.current().document().getActiveKey())
      .build());
  }

  /** Uses up the challenge, then checks the signature by the identity's current active key. */
  Future<ProofVerdict> verify(VerifyProofRequest request) {
    String id = IdentityIds.require(request.getId(), "id");
    requireChallenge(request.getChallenge());
    byte[] challenge = request.getChallenge().toByteArray();
    Challenges.Outcome outcome = challenges.consume(id, challenge);
    switch (outcome) {
      case UNKNOWN:
        return verdict(false, "unknown challenge: not issued by node " + nodeId + ", or already used");
      case EXPIRED:
        return verdict(false, "the challenge expired");
      case OTHER_IDENTITY:
        return verdict(false, "the challenge was issued for another identity");
      default:
        break;
    }
    return identities.get(lookup(id)).map(view -> judge(view.getDocument(), Challenges.proofBytes(id, challenge),
      request.getSignature().toByteArray()));
  }

  static ProofVerdict judge(IdentityDocument document, byte[] proofBytes, byte[] signature) {
    if (document.getStatus() != IdentityStatus.ACTIVE) {
      return ProofVerdict.newBuilder().setValid(false).setReason("identity is " + document.getStatus()).build();
    }
    int active = document.getActiveKey();
    if (Ed25519.verify(document.getKeys(active).getPublicKey().toByteArray(), proofBytes, signature)) {
      return ProofVerdict.newBuilder().setValid(true).setReason("signed by the active key " + active).build();
    }
    for (int i = 0; i < active; i++) {
      byte[] retired = document.getKeys(i).getPublicKey().toByteArray();
      if (Ed25519.verify(retired, proofBytes, signature)) {
        return ProofVerdict.newBuilder().setValid(false).setReason("signed by the retired key " + i + " (" + Hex.prefix(retired, 16)
          + "); the active key is " + active).build();
      }
    }
    return ProofVerdict.newBuilder().setValid(false).setReason("bad signature: not by any key of the identity").build();
  }

  private static Future<ProofVerdict> verdict(boolean valid, String reason) {
    return Future.succeededFuture(ProofVerdict.newBuilder().setValid(valid).setReason(reason).build());
  }

  private static void requireChallenge(ByteString challenge) {
    if (challenge.size() < Challenges.MIN_BYTES || challenge.size() > Challenges.MAX_BYTES) {
      throw JuiceException.invalidArgument("challenge must be " + Challenges.MIN_BYTES + " to " + Challenges.MAX_BYTES + " bytes, got "
        + challenge.size());
    }
  }

  private static IdentityLookup lookup(String id) {
    return IdentityLookup.newBuilder().setIdentityId(id).build();
  }
}
