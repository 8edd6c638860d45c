package org.juicetokens.trust.attestation;

import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.dht.ClusterFanOut;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;
import org.juicetokens.trust.attestation.proto.AttestationStats;
import org.juicetokens.trust.attestation.proto.AttestationStatsRequest;
import org.juicetokens.trust.attestation.proto.CreateAttestationRequest;
import org.juicetokens.trust.attestation.proto.ListAttestationsRequest;
import org.juicetokens.trust.attestation.proto.ReputationRequest;
import org.juicetokens.trust.attestation.proto.RevokeAttestationRequest;
import org.juicetokens.trust.attestation.proto.TrustRequest;

import java.security.SecureRandom;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The attestation layer of one node: registers the {@code jt.attestations} verifier and the
 * "attestation" health procedure, answers the node-local ATTESTATION_* addresses and this node's
 * point-to-point ones (creation, revocation and reputation of identities homed here), and runs the
 * resumer of creations left pending. Wiring only: the rules are in {@link Attestations},
 * {@link AttestationOperations}, {@link AttestationOutbox}, {@link Reputations}, {@link TrustPaths}; this
 * node's system attestations are published by {@link SystemPublisher} and read by {@link SystemAttestationReads}.
 */
public final class AttestationVerticle extends VerticleBase {
  private static final String HEALTH = "attestation";
  private final NodeContext node;
  private SystemPublisher publisher;
  private AttestationResumer resumer;

  public AttestationVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    NodeConfig config = node.config();
    EventBus bus = vertx.eventBus();
    List<String> types = config.list(Settings.ATTESTATION_TYPES);
    AttestationMeters meters = new AttestationMeters(node.registry());
    AttestationCalls calls = new AttestationCalls(bus, config.requestTimeoutMs(), System::currentTimeMillis);
    AttestationReads reads = new AttestationReads(calls, meters, System::currentTimeMillis);
    PendingAttestations pending = new PendingAttestations(bus, config.requestTimeoutMs());
    AttestationRevocations revocations = new AttestationRevocations(node.nodeId(), calls, reads, System::currentTimeMillis);
    int maxPerSubject = config.integer(Settings.ATTESTATION_MAX_PER_SUBJECT);
    AttestationOutbox outbox = new AttestationOutbox(node.nodeId(), calls, pending, revocations, maxPerSubject, meters);
    AttestationOperations ops = new AttestationOperations(node.nodeId(), calls, reads, pending, outbox, meters, types,
      config.integer(Settings.ATTESTATION_MAX_CONTENT_CHARS), maxPerSubject, new SecureRandom(), System::currentTimeMillis);
    int batch = config.integer(Settings.ATTESTATION_RESUME_BATCH);
    resumer = new AttestationResumer(vertx, node.nodeId(), () -> node.instrumented().run(Layer.ATTESTATION, "resume", "", () -> outbox.resume(batch)),
      config.integer(Settings.ATTESTATION_RESUME_INTERVAL_MS), config.integer(Settings.ATTESTATION_RESUME_MAX_BACKOFF_MS));
    CommunityReads community = new CommunityReads(new CommunityCalls(bus, config.requestTimeoutMs(), System::currentTimeMillis, calls), meters);
    NodeKeyRegistry nodeKeys = new NodeKeyRegistry(bus, node.nodeId(), node.nodeKey(), config.requestTimeoutMs(), System::currentTimeMillis);
    SystemAttestationDht systemDht = new SystemAttestationDht(bus, nodeKeys, config.requestTimeoutMs());
    SystemAttestationReads systemReads = new SystemAttestationReads(systemDht, nodeKeys, calls, meters);
    publisher = new SystemPublisher(vertx, new SystemPublisher.Options(node.nodeId(), node.nodeKey(), config.requestTimeoutMs(),
      config.integer(Settings.ATTESTATION_SYSTEM_BATCH), config.integer(Settings.ATTESTATION_MAX_TRANSFERS),
      config.longValue(Settings.ATTESTATION_SYSTEM_RETRY_MS), config.longValue(Settings.ATTESTATION_SYSTEM_MAX_RETRY_MS)),
      nodeKeys, systemDht, meters, node.instrumented());
    Reputations reputations = new Reputations(calls, reads, systemReads, config.integer(Settings.ATTESTATION_REPUTATION_ROUNDS),
      config.integer(Settings.ATTESTATION_MAX_ATTESTERS), config.doubleValue(Settings.ATTESTATION_TRANSFER_WEIGHT),
      config.integer(Settings.ATTESTATION_MAX_TRANSFERS), community, config.doubleValue(Settings.ATTESTATION_COMMUNITY_WEIGHT));
    TrustPaths trust = new TrustPaths(calls, reads, config.integer(Settings.TRUST_MAX_DEPTH), config.integer(Settings.ATTESTATION_MAX_ATTESTERS));
    node.dhtVerifiers().register(DhtMaps.ATTESTATIONS, new AttestationEntryVerifier(), true);
    node.dhtVerifiers().register(DhtMaps.NODE_KEYS, new NodeKeyEntryVerifier(), true);
    node.dhtVerifiers().register(DhtMaps.SYSTEM_ATTESTATIONS, new SystemAttestationEntryVerifier(), true);
    node.health().register(HEALTH, promise -> promise.complete(Status.OK(new JsonObject()
      .put("verifierRegistered", true).put("types", new JsonArray(types)).put("resumer", resumer.health())
      .put("nodeKeyRegistered", publisher.keyRegistered()).put("systemPublishRetryMs", publisher.retryDelayMs()))));
    String self = node.nodeId();
    return Future.all(List.of(
      local(bus, Addresses.ATTESTATION_CREATE, CreateAttestationRequest.class, "create", ops::create),
      local(bus, Addresses.ATTESTATION_REVOKE, RevokeAttestationRequest.class, "revoke", revocations::revoke),
      local(bus, Addresses.ATTESTATION_LIST, ListAttestationsRequest.class, "list", r -> ops.list(r).compose(community::withCommunity)
        .compose(list -> systemReads.about(r.getSubjectId()).map(system -> list.toBuilder().addAllSystem(system).build()))),
      local(bus, Addresses.ATTESTATION_REPUTATION, ReputationRequest.class, "reputation", reputations::reputation),
      local(bus, Addresses.ATTESTATION_TRUST, TrustRequest.class, "trust", trust::trust),
      Bus.serveLocal(bus, Addresses.ATTESTATION_STATS, AttestationStatsRequest.class, r -> clusterStats(meters)).completion(),
      Bus.serve(bus, Addresses.node(self, Addresses.ATTESTATION_STATS_SUFFIX), AttestationStatsRequest.class,
        r -> Future.succeededFuture(meters.stats())).completion(),
      home(bus, Addresses.node(self, Addresses.ATTESTATION_CREATE_SUFFIX), CreateAttestationRequest.class, "create.home", ops::createHere),
      home(bus, Addresses.node(self, Addresses.ATTESTATION_REVOKE_SUFFIX), RevokeAttestationRequest.class, "revoke.home", revocations::revokeHere),
      home(bus, Addresses.node(self, Addresses.ATTESTATION_REPUTATION_SUFFIX), ReputationRequest.class, "reputation.home",
        reputations::reputationHere),
      publisher.start()))
      .onSuccess(v -> resumer.start());
  }

  @Override
  public Future<?> stop() {
    resumer.stop();
    node.health().unregister(HEALTH);
    node.dhtVerifiers().unregister(DhtMaps.ATTESTATIONS);
    node.dhtVerifiers().unregister(DhtMaps.NODE_KEYS);
    node.dhtVerifiers().unregister(DhtMaps.SYSTEM_ATTESTATIONS);
    return publisher == null ? Future.succeededFuture() : publisher.stop();
  }

  /** Every member's own counters (the admin console's distribution per node) and their sums. */
  private Future<AttestationStats> clusterStats(AttestationMeters meters) {
    long timeoutMs = node.config().requestTimeoutMs();
    return ClusterFanOut.memberIds(vertx, node.hazelcast()).compose(members -> ClusterFanOut.ask(members, node.nodeId(),
      () -> Future.succeededFuture(meters.stats()), member -> Bus.request(vertx.eventBus(),
        Addresses.node(member, Addresses.ATTESTATION_STATS_SUFFIX), AttestationStatsRequest.getDefaultInstance(), timeoutMs,
        AttestationStats.class))).map(AttestationClusterStats::combine);
  }

  private <Q extends Message> Future<Void> local(EventBus bus, String address, Class<Q> type, String op,
                                                 Function<Q, Future<? extends Message>> handler) {
    return Bus.serveLocal(bus, address, type, r -> instrumented(op, () -> handler.apply(r))).completion();
  }

  private <Q extends Message> Future<Void> home(EventBus bus, String address, Class<Q> type, String op,
                                                Function<Q, Future<? extends Message>> handler) {
    return Bus.serve(bus, address, type, r -> instrumented(op, () -> handler.apply(r))).completion();
  }

  private Future<? extends Message> instrumented(String op, Supplier<Future<? extends Message>> work) {
    return node.instrumented().<Message>run(Layer.ATTESTATION, op, "", () -> work.get().map(m -> (Message) m));
  }
}
