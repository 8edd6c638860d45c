package org.juicetokens.token.audit;

import org.juicetokens.api.v1.AuditReport;
import org.juicetokens.token.proto.AuditPart;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster report from the members' parts (ARCHITECTURE.md §8): sums, token ids stored more
 * than once (on one node under two owners, or on two nodes), and the verdict
 * {@code conserved = held + expired == minted && no duplicate && nothing in flight && every member answered}.
 * Every reason it is not conserved is named in {@code problems}. Pure.
 */
public final class AuditAggregation {
  /** Duplicate ids named one by one in the problems (the count is always complete). */
  static final int MAX_NAMED_DUPLICATES = 20;

  private AuditAggregation() {
  }

  /**
   * {@code members}: the cluster's members when the audit started; {@code parts}: the answers;
   * {@code missing}: member → why it did not answer (members with neither are reported missing too).
   */
  public static AuditReport aggregate(Collection<String> members, Collection<AuditPart> parts, Map<String, String> missing, long nowMs) {
    AuditReport.Builder report = AuditReport.newBuilder().setAtMs(nowMs);
    Map<String, List<String>> holders = new TreeMap<>();
    List<String> answered = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (AuditPart part : parts) {
      answered.add(part.getNodeId());
      report.setMintedHundredths(report.getMintedHundredths() + part.getMintedHundredths())
        .setHeldHundredths(report.getHeldHundredths() + part.getHeldHundredths())
        .setExpiredHundredths(report.getExpiredHundredths() + part.getExpiredHundredths())
        .setRenewedHundredths(report.getRenewedHundredths() + part.getRenewedHundredths())
        .setLockedTokens(report.getLockedTokens() + part.getLockedTokens())
        .setInDoubt(report.getInDoubt() + part.getInDoubt())
        .setInFlight(report.getInFlight() + part.getInFlight())
        .setTokenCount(report.getTokenCount() + part.getTokenIdsCount());
      part.getTokenIdsList().forEach(id -> holders.computeIfAbsent(id, k -> new ArrayList<>()).add(part.getNodeId()));
      problems.addAll(part.getProblemsList());
    }
    answered.sort(null);
    report.addAllNodes(answered);

    Map<String, String> absent = new TreeMap<>(missing);
    members.stream().filter(m -> !answered.contains(m)).forEach(m -> absent.putIfAbsent(m, "no answer"));
    absent.forEach((node, why) -> problems.add("member " + node + " did not answer: " + why));

    int duplicates = 0;
    for (Map.Entry<String, List<String>> e : holders.entrySet()) {
      if (e.getValue().size() > 1) {
        duplicates++;
        if (duplicates <= MAX_NAMED_DUPLICATES) {
          problems.add("token " + e.getKey() + " is stored " + e.getValue().size() + " times (on " + String.join(", ", e.getValue()) + ")");
        }
      }
    }
    if (duplicates > MAX_NAMED_DUPLICATES) {
      problems.add((duplicates - MAX_NAMED_DUPLICATES) + " more duplicate token ids");
    }
    report.setDuplicateOwners(duplicates);

    long accounted = report.getHeldHundredths() + report.getExpiredHundredths() + report.getRenewedHundredths();
    long difference = accounted - report.getMintedHundredths();
    String accountedAs = report.getRenewedHundredths() == 0 ? "held + expired" : "held + expired + renewed";
    if (difference < 0) {
      problems.add("shortfall of " + hundredths(-difference) + ": " + accountedAs + " = " + hundredths(accounted)
        + ", minted = " + hundredths(report.getMintedHundredths()));
    } else if (difference > 0) {
      problems.add("surplus of " + hundredths(difference) + ": " + accountedAs + " = " + hundredths(accounted)
        + ", minted = " + hundredths(report.getMintedHundredths()));
    }
    if (report.getInFlight() > 0) {
      problems.add(report.getInFlight() + " committed transfer(s) still in flight to their payee");
    }
    report.setConserved(difference == 0 && duplicates == 0 && report.getInFlight() == 0 && absent.isEmpty());
    return report.addAllProblems(problems).build();
  }

  /** {@code 1234} → {@code "12.34"}. */
  static String hundredths(long value) {
    return (value < 0 ? "-" : "") + Math.abs(value) / 100 + "." + String.format("%02d", Math.abs(value) % 100);
  }
}
