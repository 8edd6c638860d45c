package org.juicetokens.trust.attestation;

import io.vertx.core.Future;
import org.juicetokens.common.JuiceException;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.attestation.proto.TrustAnswer;
import org.juicetokens.trust.attestation.proto.TrustRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The trust one identity places in another (PROTOCOL.md §Trust, "up to depth 3"). The graph is
 * built BACKWARDS from the target through the subject index: the valid attestations about it, then
 * about each of their attesters, ... one level per edge of depth, each level bounded to
 * {@code maxAttesters} identities not seen before; edge level = {@link TrustLevel#ofStrength}.
 * {@link TrustGraph} then propagates. Answered on any node: everything it reads is in the DHT.
 */
final class TrustPaths {
  private final AttestationCalls calls;
  private final AttestationReads reads;
  private final int maxDepth;
  private final int maxAttesters;

  TrustPaths(AttestationCalls calls, AttestationReads reads, int maxDepth, int maxAttesters) {
    this.calls = calls;
    this.reads = reads;
    this.maxDepth = maxDepth;
    this.maxAttesters = maxAttesters;
  }

  Future<TrustAnswer> trust(TrustRequest r) {
    return Future.succeededFuture().compose(v -> {
      int depth = depth(r);
      Future<Optional<org.juicetokens.trust.identity.proto.IdentityView>> from = calls.identity(r.getFromId());
      Future<Optional<org.juicetokens.trust.identity.proto.IdentityView>> to = calls.identity(r.getToId());
      return Future.all(from, to).compose(both -> {
        if (from.result().isEmpty()) {
          throw JuiceException.notFound("unknown identity " + r.getFromId());
        }
        if (to.result().isEmpty()) {
          throw JuiceException.notFound("unknown identity " + r.getToId());
        }
        Set<String> seen = new HashSet<>(List.of(r.getToId()));
        return level(new TrustGraph(), List.of(r.getToId()), seen, depth).map(graph -> {
          TrustGraph.Route route = graph.route(r.getFromId(), r.getToId(), depth);
          return TrustAnswer.newBuilder().setFromId(r.getFromId()).setToId(r.getToId()).setLevel(route.level().name())
            .setDepth(route.depth()).addAllPath(route.path()).setMaxDepth(depth).build();
        });
      });
    });
  }

  /** The depth this request looks up to: its own when given (never above the setting), else the setting. */
  private int depth(TrustRequest r) {
    if (r.getFromId().isBlank() || r.getToId().isBlank()) {
      throw JuiceException.invalidArgument("from and to identity ids are required");
    }
    if (r.getFromId().equals(r.getToId())) {
      throw JuiceException.invalidArgument("from and to are the same identity");
    }
    if (r.getMaxDepth() < 0 || r.getMaxDepth() > maxDepth) {
      throw JuiceException.invalidArgument("maxDepth " + r.getMaxDepth() + " is outside 1.." + maxDepth + " (trust.maxDepth)");
    }
    return r.getMaxDepth() == 0 ? maxDepth : r.getMaxDepth();
  }

  /** Adds the edges into {@code subjects}, then recurses on their attesters not seen yet (bounded), {@code remaining} levels in all. */
  private Future<TrustGraph> level(TrustGraph graph, List<String> subjects, Set<String> seen, int remaining) {
    if (remaining == 0 || subjects.isEmpty()) {
      return Future.succeededFuture(graph);
    }
    List<Future<List<AttestationView>>> about = new ArrayList<>();
    subjects.forEach(s -> about.add(reads.about(s)));
    return Future.all(about).compose(all -> {
      Set<String> next = new LinkedHashSet<>();
      for (int i = 0; i < subjects.size(); i++) {
        for (AttestationView view : all.<List<AttestationView>>resultAt(i)) {
          if (view.getValid()) {
            String attester = view.getAttestation().getAttesterId();
            graph.trust(attester, subjects.get(i), TrustLevel.ofStrength(view.getAttestation().getStrength()));
            if (next.size() < maxAttesters && seen.add(attester)) {
              next.add(attester);
            }
          }
        }
      }
      return level(graph, List.copyOf(next), seen, remaining - 1);
    });
  }
}
