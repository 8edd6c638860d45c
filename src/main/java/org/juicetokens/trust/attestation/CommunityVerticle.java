package org.juicetokens.trust.attestation;

import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.node.NodeContext;
import org.juicetokens.trust.attestation.proto.ApproveCommunityAttestationRequest;
import org.juicetokens.trust.attestation.proto.CreateCommunityRequest;
import org.juicetokens.trust.attestation.proto.GetCommunityAttestationRequest;
import org.juicetokens.trust.attestation.proto.GetCommunityRequest;
import org.juicetokens.trust.attestation.proto.ProposeCommunityAttestationRequest;

import java.security.SecureRandom;
import java.util.List;
import java.util.function.Function;

/**
 * Communities and community attestations on one node: registers the verifiers of
 * {@code jt.communities} and {@code jt.communityAttestations} and the "community" health
 * procedure, answers the node-local COMMUNITY_* addresses and this node's point-to-point ones
 * (declarations, proposals and approvals signed by identities homed here). Wiring only.
 */
public final class CommunityVerticle extends VerticleBase {
  private static final String HEALTH = "community";
  private final NodeContext node;

  public CommunityVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    CommunitySettings settings = CommunitySettings.of(node.config());
    AttestationMeters attestationMeters = new AttestationMeters(node.registry());
    CommunityMeters meters = new CommunityMeters(node.registry(), attestationMeters);
    AttestationCalls base = new AttestationCalls(bus, node.config().requestTimeoutMs(), System::currentTimeMillis);
    CommunityCalls calls = new CommunityCalls(bus, node.config().requestTimeoutMs(), System::currentTimeMillis, base);
    CommunityReads reads = new CommunityReads(calls, attestationMeters);
    CommunityHome home = new CommunityHome(node.nodeId(), base);
    CommunityOperations ops = new CommunityOperations(calls, reads, home, meters, settings, new SecureRandom(), System::currentTimeMillis);
    CommunityApprovals approvals = new CommunityApprovals(calls, reads, home, ops, meters, settings.casAttempts());
    node.dhtVerifiers().register(DhtMaps.COMMUNITIES, CommunityEntryVerifiers.communities(), true);
    node.dhtVerifiers().register(DhtMaps.COMMUNITY_ATTESTATIONS, CommunityEntryVerifiers.attestations(), true);
    node.health().register(HEALTH, promise -> promise.complete(Status.OK(new JsonObject().put("verifiersRegistered", true)
      .put("maxMembers", settings.maxMembers()))));
    String self = node.nodeId();
    return Future.all(List.of(
      serve(bus, Addresses.COMMUNITY_CREATE, false, CreateCommunityRequest.class, "community.create", ops::create),
      serve(bus, Addresses.COMMUNITY_GET, false, GetCommunityRequest.class, "community.get", ops::get),
      serve(bus, Addresses.COMMUNITY_PROPOSE, false, ProposeCommunityAttestationRequest.class, "community.propose", ops::propose),
      serve(bus, Addresses.COMMUNITY_APPROVE, false, ApproveCommunityAttestationRequest.class, "community.approve", approvals::approve),
      serve(bus, Addresses.COMMUNITY_ATTESTATION_GET, false, GetCommunityAttestationRequest.class, "community.attestation.get",
        r -> reads.byId(r.getAttestationId())),
      serve(bus, Addresses.node(self, Addresses.COMMUNITY_CREATE_SUFFIX), true, CreateCommunityRequest.class, "community.create.home",
        ops::createHere),
      serve(bus, Addresses.node(self, Addresses.COMMUNITY_PROPOSE_SUFFIX), true, ProposeCommunityAttestationRequest.class,
        "community.propose.home", ops::proposeHere),
      serve(bus, Addresses.node(self, Addresses.COMMUNITY_APPROVE_SUFFIX), true, ApproveCommunityAttestationRequest.class,
        "community.approve.home", approvals::approveHere)));
  }

  @Override
  public Future<?> stop() {
    node.health().unregister(HEALTH);
    node.dhtVerifiers().unregister(DhtMaps.COMMUNITIES);
    node.dhtVerifiers().unregister(DhtMaps.COMMUNITY_ATTESTATIONS);
    return Future.succeededFuture();
  }

  /** {@code clustered}: a point-to-point address other nodes ask; else node-local. */
  private <Q extends Message> Future<Void> serve(EventBus bus, String address, boolean clustered, Class<Q> type, String op,
                                                 Function<Q, Future<? extends Message>> handler) {
    Function<Q, Future<? extends Message>> instrumented = r -> node.instrumented().<Message>run(Layer.ATTESTATION, op, "",
      () -> handler.apply(r).map(m -> (Message) m));
    return (clustered ? Bus.serve(bus, address, type, instrumented) : Bus.serveLocal(bus, address, type, instrumented)).completion();
  }
}
