package org.juicetokens.token.transaction;

/**
 * The freshness rule of exchange messages (PROTOCOL.md §Transactions): a message is refused when
 * older than {@code maxAgeMs} (5 s) or dated more than {@code maxAheadMs} (5 s) ahead of the
 * node's consensus time. Pure; the caller passes the consensus time, never the raw system clock.
 */
public record Freshness(long maxAgeMs, long maxAheadMs) {

  public enum Verdict { FRESH, TOO_OLD, FROM_THE_FUTURE }

  public Freshness {
    if (maxAgeMs <= 0 || maxAheadMs <= 0) {
      throw new IllegalArgumentException("freshness bounds must be > 0, got age " + maxAgeMs + " ms, ahead " + maxAheadMs + " ms");
    }
  }

  public static Freshness defaults() {
    return new Freshness(5_000, 5_000);
  }

  public Verdict check(long messageTimestampMs, long consensusNowMs) {
    long age = consensusNowMs - messageTimestampMs;
    if (age > maxAgeMs) {
      return Verdict.TOO_OLD;
    }
    if (-age > maxAheadMs) {
      return Verdict.FROM_THE_FUTURE;
    }
    return Verdict.FRESH;
  }

  /** A line for a refusal: how far off the message was. */
  public String explain(long messageTimestampMs, long consensusNowMs) {
    long age = consensusNowMs - messageTimestampMs;
    return switch (check(messageTimestampMs, consensusNowMs)) {
      case FRESH -> "fresh (" + age + " ms old)";
      case TOO_OLD -> "message is " + age + " ms old, more than the " + maxAgeMs + " ms allowed";
      case FROM_THE_FUTURE -> "message is dated " + (-age) + " ms ahead of consensus time, more than the " + maxAheadMs + " ms allowed";
    };
  }
}
