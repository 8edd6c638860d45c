package org.juicetokens.trust.attestation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who trusts whom at which level (one edge per attester → subject, the strongest wins), and the
 * trust propagated from one identity: along a path of at most {@code maxDepth} edges, the weakest
 * edge; over several paths, the strongest result (at the shortest depth that reaches it). Pure;
 * one pass per depth over the edges, so bounded by maxDepth × edges.
 */
public final class TrustGraph {
  private final Map<String, Map<String, TrustLevel>> edges = new HashMap<>();

  public TrustGraph trust(String from, String to, TrustLevel level) {
    edges.computeIfAbsent(from, k -> new HashMap<>()).merge(to, level, (a, b) -> a.atLeast(b) ? a : b);
    return this;
  }

  public record Trust(TrustLevel level, int depth) {
    static final Trust NONE = new Trust(TrustLevel.NONE, 0);
  }

  /** The trust and one path of identities that carries it ({@code from} first, {@code to} last; empty when unreachable). */
  public record Route(TrustLevel level, int depth, List<String> path) {
  }

  /** The trust {@code from} places in {@code to} through at most {@code maxDepth} edges (NONE, depth 0 when unreachable). */
  public Trust propagate(String from, String to, int maxDepth) {
    Route route = route(from, to, maxDepth);
    return new Trust(route.level(), route.depth());
  }

  /** As {@link #propagate}, with the path: each reached identity remembers the path of its strongest level (first one on a tie). */
  public Route route(String from, String to, int maxDepth) {
    Map<String, Reach> frontier = Map.of(from, new Reach(TrustLevel.HIGH, List.of(from)));
    Route best = new Route(TrustLevel.NONE, 0, List.of());
    for (int depth = 1; depth <= maxDepth && !frontier.isEmpty(); depth++) {
      Map<String, Reach> next = new HashMap<>();
      for (Map.Entry<String, Reach> node : frontier.entrySet()) {
        for (Map.Entry<String, TrustLevel> edge : edges.getOrDefault(node.getKey(), Map.of()).entrySet()) {
          TrustLevel level = node.getValue().level().weakest(edge.getValue());
          if (level != TrustLevel.NONE && !edge.getKey().equals(from)) {
            List<String> path = new ArrayList<>(node.getValue().path());
            path.add(edge.getKey());
            next.merge(edge.getKey(), new Reach(level, List.copyOf(path)), (a, b) -> a.level().atLeast(b.level()) ? a : b);
          }
        }
      }
      Reach reached = next.get(to);
      if (reached != null && (best.level() == TrustLevel.NONE || !best.level().atLeast(reached.level()))) {
        best = new Route(reached.level(), depth, reached.path());
      }
      frontier = next;
    }
    return best;
  }

  private record Reach(TrustLevel level, List<String> path) {
  }
}
