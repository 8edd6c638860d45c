package org.juicetokens.trust.attestation;

import io.vertx.core.Future;
import org.juicetokens.common.JuiceException;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.attestation.proto.CommunityAttestationView;
import org.juicetokens.trust.attestation.proto.ReputationRequest;
import org.juicetokens.trust.attestation.proto.SystemAttestationView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reputation of an identity, from the DHT only (so every node computes the same): the valid
 * attestations about it, the valid attestations about each of its attesters (at most
 * {@code maxAttesters}, one level: bounded), the distinct valid system attestations about it (its
 * completed transfers, at most {@code maxTransfers}), the valid community attestations about it,
 * and {@link Reputation}.
 */
final class Reputations {
  private final AttestationCalls calls;
  private final AttestationReads reads;
  private final SystemAttestationReads system;
  private final int rounds;
  private final int maxAttesters;
  private final double transferWeight;
  private final int maxTransfers;
  private final CommunityReads community;
  private final double communityWeight;

  Reputations(AttestationCalls calls, AttestationReads reads, SystemAttestationReads system, int rounds, int maxAttesters,
              double transferWeight, int maxTransfers, CommunityReads community, double communityWeight) {
    this.calls = calls;
    this.reads = reads;
    this.system = system;
    this.rounds = rounds;
    this.maxAttesters = maxAttesters;
    this.transferWeight = transferWeight;
    this.maxTransfers = maxTransfers;
    this.community = community;
    this.communityWeight = communityWeight;
  }

  /** Computed on this node (the DHT is the same everywhere); NOT_FOUND for an unknown identity. */
  Future<org.juicetokens.trust.attestation.proto.Reputation> reputation(ReputationRequest r) {
    return calls.identity(r.getIdentityId()).compose(found -> {
      found.orElseThrow(() -> JuiceException.notFound("unknown identity " + r.getIdentityId()));
      return reputationHere(r);
    });
  }

  Future<org.juicetokens.trust.attestation.proto.Reputation> reputationHere(ReputationRequest r) {
    String id = r.getIdentityId();
    Map<String, List<Reputation.Edge>> about = new HashMap<>();
    return reads.about(id).compose(views -> {
      List<Reputation.Edge> edges = edges(views);
      about.put(id, edges);
      Set<String> attesters = new LinkedHashSet<>();
      edges.forEach(e -> attesters.add(e.attester()));
      List<String> bounded = attesters.stream().limit(maxAttesters).toList();
      List<Future<List<AttestationView>>> reads2 = new ArrayList<>();
      bounded.forEach(a -> reads2.add(reads.about(a)));
      Future<List<SystemAttestationView>> transfers = system.about(id);
      Future<List<Reputation.CommunityEdge>> communityEdges = community.about(id).map(Reputations::communityEdges);
      return Future.all(reads2).compose(all -> {
        for (int i = 0; i < bounded.size(); i++) {
          about.put(bounded.get(i), edges(all.resultAt(i)));
        }
        return Future.all(transfers, communityEdges).map(both -> transfers.result());
      }).map(systemViews -> {
        int count = Math.min(maxTransfers, SystemAttestationReads.distinctValid(systemViews));
        int invalidSystem = (int) systemViews.stream().filter(v -> !v.getValid()).count();
        Reputation model = new Reputation(about, Map.of(id, count), transferWeight, maxTransfers, Map.of(id, communityEdges.result()),
          communityWeight);
        double score = model.score(id, rounds);
        TrustLevel level = model.hasData(id) ? TrustLevel.ofScore(score) : TrustLevel.NONE;
        return org.juicetokens.trust.attestation.proto.Reputation.newBuilder().setIdentityId(id).setScore(score).setLevel(level.name())
          .setValidAttestations(edges.size()).setInvalidAttestations(views.size() - edges.size()).setCompletedTransfers(count)
          .setReliability(Reputation.reliability(count)).setInvalidSystemAttestations(invalidSystem).build();
      });
    });
  }

  /** Only valid (threshold reached) community attestations count. */
  private static List<Reputation.CommunityEdge> communityEdges(List<CommunityAttestationView> views) {
    return views.stream().filter(CommunityAttestationView::getValid)
      .map(v -> new Reputation.CommunityEdge(v.getStatement().getStrength(), v.getApprovals())).toList();
  }

  private static List<Reputation.Edge> edges(List<AttestationView> views) {
    return views.stream().filter(AttestationView::getValid)
      .map(v -> new Reputation.Edge(v.getAttestation().getAttesterId(), v.getAttestation().getStrength())).toList();
  }
}
