package org.juicetokens.token.transaction;

import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;

/**
 * The transaction shell's numbers (settings tx.*), checked once at start.
 *
 * @param exchange        the engine's numbers (deadline, back-off, freshness, telomere tail)
 * @param inDoubtAlertMs  health KO while a side has been IN_DOUBT longer than this
 * @param commitDelayMs   DRILL ONLY: how long a payer holds a Preparation before the engine sees it
 *                        (so a test or drill can kill a node between prepare and commit); 0 normally
 * @param requestTimeoutMs node.requestTimeoutMs, for every bus request the shell makes
 */
public record ShellSettings(ExchangeSettings exchange, long inDoubtAlertMs, long commitDelayMs, long requestTimeoutMs) {
  public ShellSettings {
    if (inDoubtAlertMs <= 0 || commitDelayMs < 0 || requestTimeoutMs <= 0) {
      throw new IllegalArgumentException("tx settings out of range: inDoubtAlertMs " + inDoubtAlertMs + ", drill.commitDelayMs " + commitDelayMs);
    }
  }

  public static ShellSettings of(NodeConfig config) {
    long freshness = config.longValue(Settings.TX_FRESHNESS_MS);
    ExchangeSettings exchange = new ExchangeSettings(config.longValue(Settings.TX_DEADLINE_MS), config.longValue(Settings.TX_RETRY_MS),
      config.longValue(Settings.TX_MAX_RETRY_MS), new Freshness(freshness, freshness), config.integer(Settings.TELOMERE_TAIL_LINKS));
    return new ShellSettings(exchange, config.longValue(Settings.TX_IN_DOUBT_ALERT_MS), config.longValue(Settings.TX_DRILL_COMMIT_DELAY_MS),
      config.requestTimeoutMs());
  }

  /** How long a TX_TRANSFER caller waits at most: the deadline plus one request timeout for the abort's write. */
  public long transferWaitMs() {
    return exchange.deadlineMs() + requestTimeoutMs;
  }
}
