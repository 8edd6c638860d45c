package org.juicetokens.governance.health;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether the cluster has the members it should: with health.expectedMembers set, that many;
 * otherwise the most members this node has seen since it started. Fewer is DEGRADED, not DOWN:
 * the node still serves (a lone node is a valid cluster, the DHT keeps answering from the members
 * left), but a member is gone, values have fewer copies, or the cluster is cut. A member removed
 * on purpose keeps it DEGRADED until the node restarts or health.expectedMembers says otherwise.
 */
public final class MembershipHealth {
  private final int expected;
  private final AtomicInteger peak = new AtomicInteger();

  /** {@code expected}: the configured count, 0 = the most seen. */
  public MembershipHealth(int expected) {
    this.expected = expected;
  }

  /** Notes {@code members} (raising the most seen) and says what that count is. */
  public ComponentStatus observe(int members) {
    int most = peak.accumulateAndGet(members, Math::max);
    return members < expectedOf(most) ? ComponentStatus.DEGRADED : ComponentStatus.UP;
  }

  /** The count the status is judged against now. */
  public int expected() {
    return expectedOf(peak.get());
  }

  private int expectedOf(int most) {
    return expected > 0 ? expected : most;
  }
}
