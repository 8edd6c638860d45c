package org.juicetokens.trust.attestation;

import java.util.HashMap;
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

  /** The trust {@code from} places in {@code to} through at most {@code maxDepth} edges (NONE, depth 0 when unreachable). */
  public Trust propagate(String from, String to, int maxDepth) {
    Map<String, TrustLevel> frontier = Map.of(from, TrustLevel.HIGH);
    Trust best = Trust.NONE;
    for (int depth = 1; depth <= maxDepth && !frontier.isEmpty(); depth++) {
      Map<String, TrustLevel> next = new HashMap<>();
      for (Map.Entry<String, TrustLevel> node : frontier.entrySet()) {
        for (Map.Entry<String, TrustLevel> edge : edges.getOrDefault(node.getKey(), Map.of()).entrySet()) {
          TrustLevel level = node.getValue().weakest(edge.getValue());
          if (level != TrustLevel.NONE && !edge.getKey().equals(from)) {
            next.merge(edge.getKey(), level, (a, b) -> a.atLeast(b) ? a : b);
          }
        }
      }
      TrustLevel reached = next.get(to);
      if (reached != null && (best.level() == TrustLevel.NONE || !best.level().atLeast(reached))) {
        best = new Trust(reached, depth);
      }
      frontier = next;
    }
    return best;
  }
}
