package org.juicetokens.api.grpc;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.api.v1.TrustServiceService;
import org.juicetokens.common.Addresses;
import org.juicetokens.trust.attestation.proto.ApproveCommunityAttestationRequest;
import org.juicetokens.trust.attestation.proto.AttestationList;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.attestation.proto.CommunityAttestationView;
import org.juicetokens.trust.attestation.proto.CommunityView;
import org.juicetokens.trust.attestation.proto.CreateAttestationRequest;
import org.juicetokens.trust.attestation.proto.CreateCommunityRequest;
import org.juicetokens.trust.attestation.proto.GetCommunityAttestationRequest;
import org.juicetokens.trust.attestation.proto.GetCommunityRequest;
import org.juicetokens.trust.attestation.proto.ListAttestationsRequest;
import org.juicetokens.trust.attestation.proto.ProposeCommunityAttestationRequest;
import org.juicetokens.trust.attestation.proto.Reputation;
import org.juicetokens.trust.attestation.proto.ReputationRequest;
import org.juicetokens.trust.attestation.proto.RevokeAttestationRequest;
import org.juicetokens.trust.attestation.proto.TrustAnswer;
import org.juicetokens.trust.attestation.proto.TrustRequest;

/**
 * {@code juicetokens.api.v1.TrustService}: each call one request to the node's attestation layer,
 * which routes creation, revocation and reputation to the home node concerned (so they wait a
 * few request timeouts: a forward plus the identity, DHT and storage steps there).
 */
public final class TrustGrpcService extends TrustServiceService {
  private final EventBus bus;
  private final long timeoutMs;

  public TrustGrpcService(EventBus bus, long timeoutMs) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public Future<AttestationView> createAttestation(CreateAttestationRequest request) {
    return LayerCalls.ask(bus, Addresses.ATTESTATION_CREATE, request, 4 * timeoutMs, AttestationView.class);
  }

  @Override
  public Future<AttestationView> revokeAttestation(RevokeAttestationRequest request) {
    return LayerCalls.ask(bus, Addresses.ATTESTATION_REVOKE, request, 4 * timeoutMs, AttestationView.class);
  }

  @Override
  public Future<AttestationList> listAttestations(ListAttestationsRequest request) {
    return LayerCalls.ask(bus, Addresses.ATTESTATION_LIST, request, 3 * timeoutMs, AttestationList.class);
  }

  @Override
  public Future<Reputation> getReputation(ReputationRequest request) {
    return LayerCalls.ask(bus, Addresses.ATTESTATION_REPUTATION, request, 4 * timeoutMs, Reputation.class);
  }

  // communities: creation, proposal and approval are signed on the home node of the signing identity
  @Override
  public Future<CommunityView> createCommunity(CreateCommunityRequest request) {
    return LayerCalls.ask(bus, Addresses.COMMUNITY_CREATE, request, 4 * timeoutMs, CommunityView.class);
  }

  @Override
  public Future<CommunityView> getCommunity(GetCommunityRequest request) {
    return LayerCalls.ask(bus, Addresses.COMMUNITY_GET, request, 3 * timeoutMs, CommunityView.class);
  }

  @Override
  public Future<CommunityAttestationView> proposeCommunityAttestation(ProposeCommunityAttestationRequest request) {
    return LayerCalls.ask(bus, Addresses.COMMUNITY_PROPOSE, request, 4 * timeoutMs, CommunityAttestationView.class);
  }

  @Override
  public Future<CommunityAttestationView> approveCommunityAttestation(ApproveCommunityAttestationRequest request) {
    return LayerCalls.ask(bus, Addresses.COMMUNITY_APPROVE, request, 4 * timeoutMs, CommunityAttestationView.class);
  }

  @Override
  public Future<CommunityAttestationView> getCommunityAttestation(GetCommunityAttestationRequest request) {
    return LayerCalls.ask(bus, Addresses.COMMUNITY_ATTESTATION_GET, request, 3 * timeoutMs, CommunityAttestationView.class);
  }

  @Override
  public Future<TrustAnswer> getTrust(TrustRequest request) {
    return LayerCalls.ask(bus, Addresses.ATTESTATION_TRUST, request, 4 * timeoutMs, TrustAnswer.class);
  }
}
