package org.juicetokens.token.creation;

/**
 * How long each hop of a mint waits: signing, storing and indexing grow with the count, so a
 * mint of {@code token.maxMintCount} tokens must not be reported as failed while it is still
 * completing. The innermost step (the owner's home node storing) waits the node's request
 * timeout plus one more per 200 tokens; every hop outwards adds one request timeout.
 */
public final class MintTimeouts {
  private static final int TOKENS_PER_EXTRA_TIMEOUT = 200;

  private MintTimeouts() {
  }

  /**
   * @param hops 0 = the store request, 1 = the mint forwarded to the issuer's home node, 2 = the
   *             caller of the node-local mint (the API)
   */
  public static long waitMs(long requestTimeoutMs, int count, int hops) {
    long extra = requestTimeoutMs * (Math.max(0, count) / TOKENS_PER_EXTRA_TIMEOUT);
    return requestTimeoutMs * (1 + Math.max(0, hops)) + extra;
  }
}
