package org.juicetokens.token.transaction;

/**
 * The numbers of the exchange (PROTOCOL.md §Transactions).
 *
 * @param deadlineMs  a payer not durably committed this long after starting aborts (presumed abort); 30 s
 * @param retryMs     first re-send / decision-query interval; doubled after each try
 * @param maxRetryMs  the back-off's ceiling
 * @param freshness   the 5 s message age rule
 * @param tailLinks   telomere.tailLinks, for appending and verifying links
 */
public record ExchangeSettings(long deadlineMs, long retryMs, long maxRetryMs, Freshness freshness, int tailLinks) {
  public ExchangeSettings {
    if (deadlineMs <= 0 || retryMs <= 0 || maxRetryMs < retryMs || tailLinks < 1 || freshness == null) {
      throw new IllegalArgumentException("exchange settings out of range: deadline " + deadlineMs + ", retry " + retryMs
        + "-" + maxRetryMs + ", tail " + tailLinks);
    }
  }

  public static ExchangeSettings defaults() {
    return new ExchangeSettings(30_000, 1_000, 8_000, Freshness.defaults(), 10);
  }
}
