package org.juicetokens.token.transaction;

/** The bounded metric label of a message the engine ignored, from its reason. */
final class IgnoredReasons {
  private IgnoredReasons() {
  }

  /** stale (freshness), unknown (no exchange), foreign (another key), else refused. */
  static String classOf(String reason) {
    if (reason.startsWith(Freshness.Verdict.TOO_OLD.name()) || reason.startsWith(Freshness.Verdict.FROM_THE_FUTURE.name())) {
      return "stale";
    }
    if (reason.startsWith("no exchange") || reason.contains("without tx id")) {
      return "unknown";
    }
    if (reason.contains("another key")) {
      return "foreign";
    }
    return "refused";
  }
}
