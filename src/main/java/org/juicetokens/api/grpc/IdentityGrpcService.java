package org.juicetokens.api.grpc;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.api.v1.Challenge;
import org.juicetokens.api.v1.ChallengeRequest;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.IdentityReply;
import org.juicetokens.api.v1.IdentityRequest;
import org.juicetokens.api.v1.IdentityServiceService;
import org.juicetokens.api.v1.Proof;
import org.juicetokens.api.v1.ProofVerdict;
import org.juicetokens.api.v1.ProveRequest;
import org.juicetokens.api.v1.RevokeIdentityRequest;
import org.juicetokens.api.v1.RotateKeyRequest;
import org.juicetokens.api.v1.VerifyProofRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.crypto.Hex;
import org.juicetokens.trust.identity.proto.IdentityDocument;
import org.juicetokens.trust.identity.proto.IdentityKey;
import org.juicetokens.trust.identity.proto.IdentityLookup;
import org.juicetokens.trust.identity.proto.IdentityView;

/**
 * {@code juicetokens.api.v1.IdentityService}: each call one request to the node's identity layer
 * (which checks the input and forwards updates and proofs to the identity's home node). Updates
 * may take a forward plus a synced write and a DHT write, so they wait twice the node timeout.
 */
public final class IdentityGrpcService extends IdentityServiceService {
  private final EventBus bus;
  private final long timeoutMs;

  public IdentityGrpcService(EventBus bus, long timeoutMs) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public Future<IdentityReply> createIdentity(CreateIdentityRequest request) {
    return LayerCalls.ask(bus, Addresses.IDENTITY_CREATE, request, 2 * timeoutMs, IdentityView.class).map(IdentityGrpcService::reply);
  }

  @Override
  public Future<IdentityReply> getIdentity(IdentityRequest request) {
    return LayerCalls.ask(bus, Addresses.IDENTITY_GET, IdentityLookup.newBuilder().setIdentityId(request.getId()).build(), timeoutMs,
      IdentityView.class).map(IdentityGrpcService::reply);
  }

  @Override
  public Future<IdentityReply> rotateKey(RotateKeyRequest request) {
    return LayerCalls.ask(bus, Addresses.IDENTITY_ROTATE, request, 2 * timeoutMs, IdentityView.class).map(IdentityGrpcService::reply);
  }

  @Override
  public Future<IdentityReply> revokeIdentity(RevokeIdentityRequest request) {
    return LayerCalls.ask(bus, Addresses.IDENTITY_REVOKE, request, 2 * timeoutMs, IdentityView.class).map(IdentityGrpcService::reply);
  }

  @Override
  public Future<Challenge> createChallenge(ChallengeRequest request) {
    return LayerCalls.ask(bus, Addresses.IDENTITY_CHALLENGE, request, timeoutMs, Challenge.class);
  }

  @Override
  public Future<Proof> prove(ProveRequest request) {
    return LayerCalls.ask(bus, Addresses.IDENTITY_PROVE, request, 2 * timeoutMs, Proof.class);
  }

  @Override
  public Future<ProofVerdict> verifyProof(VerifyProofRequest request) {
    return LayerCalls.ask(bus, Addresses.IDENTITY_VERIFY_PROOF, request, timeoutMs, ProofVerdict.class);
  }

  /** The API form of a verified document: public keys as lowercase hex. */
  public static IdentityReply reply(IdentityView view) {
    IdentityDocument d = view.getDocument();
    IdentityReply.Builder reply = IdentityReply.newBuilder()
      .setId(d.getId())
      .setDisplayName(d.getDisplayName())
      .setPublicKey(Hex.of(view.getActivePublicKey().toByteArray()))
      .setHomeNode(d.getHomeNode())
      .setCreatedAtMs(d.getCreatedAtMs())
      .setSequence(d.getSequence())
      .setStatus(d.getStatus())
      .setActiveKey(d.getActiveKey())
      .setVerified(view.getVerified())
      .setSigned(view.getSigned())
      .setRevocationReason(d.getRevocationReason());
    for (IdentityKey key : d.getKeysList()) {
      reply.addPublicKeys(Hex.of(key.getPublicKey().toByteArray()));
    }
    return reply.build();
  }
}
