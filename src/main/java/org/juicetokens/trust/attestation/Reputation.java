package org.juicetokens.trust.attestation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reputation scores 0–1, pure. An identity without data scores {@link #DEFAULT}. Otherwise its
 * score is the weighted mean of a prior ({@link #DEFAULT}, weight {@link #PRIOR_WEIGHT}), the
 * strengths of the valid attestations about it (each weighted by its attester's score) and its
 * completed transfers (each a strength-1 observation of weight {@code transferWeight}, at most
 * {@code maxTransfers} counted). Attester scores come from the same rule, computed by a bounded
 * number of rounds over the known graph (round 0: every score {@link #DEFAULT}), so a cycle of
 * mutual praise converges instead of recursing. A valid community attestation is one more
 * observation of its strength, weighted {@code communityWeight} × its distinct approvers (a fixed
 * weight: the community's threshold already vouches for it); pending ones are not passed in.
 */
public final class Reputation {
  public static final double DEFAULT = 0.5;
  static final double PRIOR_WEIGHT = 1.0;

  /** One valid attestation: who said it, and its strength 0–100. */
  public record Edge(String attester, int strength) {
  }

  /** One valid community attestation: its strength 0–100 and how many distinct members approved it. */
  public record CommunityEdge(int strength, int approvers) {
  }

  private final Map<String, List<Edge>> about;
  private final Map<String, List<CommunityEdge>> community;
  private final double communityWeight;
  private final Map<String, Integer> transfers;
  private final double transferWeight;
  private final int maxTransfers;

  public Reputation(Map<String, List<Edge>> about, Map<String, Integer> transfers, double transferWeight, int maxTransfers) {
    this(about, transfers, transferWeight, maxTransfers, Map.of(), 0);
  }

  public Reputation(Map<String, List<Edge>> about, Map<String, Integer> transfers, double transferWeight, int maxTransfers,
                    Map<String, List<CommunityEdge>> community, double communityWeight) {
    this.about = about;
    this.community = community;
    this.communityWeight = communityWeight;
    this.transfers = transfers;
    this.transferWeight = transferWeight;
    this.maxTransfers = maxTransfers;
  }

  /** Whether there is anything to score {@code id} on. */
  /**
   * The reliability 0–1 from the system attestations alone: Laplace's rule of succession over the
   * {@code completed} exchanges, (completed + 1) / (completed + 2). Only completed exchanges are
   * attested (an abort has no system attestation), so it grows with the track record: 0.5 with
   * none, 2/3 after one, towards 1.
   */
  public static double reliability(int completed) {
    int n = Math.max(0, completed);
    return (n + 1.0) / (n + 2.0);
  }

  public boolean hasData(String id) {
    return !about.getOrDefault(id, List.of()).isEmpty() || transfers.getOrDefault(id, 0) > 0
      || !community.getOrDefault(id, List.of()).isEmpty();
  }

  public double score(String id, int rounds) {
    Map<String, Double> scores = new HashMap<>();
    for (int round = 0; round < rounds; round++) {
      Map<String, Double> next = new HashMap<>();
      for (String subject : about.keySet()) {
        next.put(subject, once(subject, scores));
      }
      scores = next;
    }
    return once(id, scores);
  }

  private double once(String id, Map<String, Double> scores) {
    if (!hasData(id)) {
      return DEFAULT;
    }
    double weight = PRIOR_WEIGHT;
    double sum = DEFAULT * PRIOR_WEIGHT;
    for (Edge edge : about.getOrDefault(id, List.of())) {
      double w = scores.getOrDefault(edge.attester(), DEFAULT);
      weight += w;
      sum += w * Math.max(0, Math.min(100, edge.strength())) / 100.0;
    }
    for (CommunityEdge edge : community.getOrDefault(id, List.of())) {
      double w = communityWeight * Math.max(0, edge.approvers());
      weight += w;
      sum += w * Math.max(0, Math.min(100, edge.strength())) / 100.0;
    }
    int counted = Math.min(maxTransfers, transfers.getOrDefault(id, 0));
    weight += counted * transferWeight;
    sum += counted * transferWeight;
    return Math.max(0, Math.min(1, sum / weight));
  }
}
