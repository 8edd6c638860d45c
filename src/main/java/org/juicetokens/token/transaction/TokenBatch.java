package org.juicetokens.token.transaction;

import org.juicetokens.token.proto.Token;

import java.util.List;

/**
 * The token mutations of one exchange step, applied by the shell in the same atomic write as the
 * step's {@link org.juicetokens.token.transaction.proto.TxRecord}: lock these token ids for the tx
 * (they must be ACTIVE and owned here, else the whole write fails), remove these ids (they left),
 * put these tokens (arrived, or restored from a retro packet), and move the identity's wissel value
 * by {@code wisselDeltaHundredths}.
 */
public record TokenBatch(List<String> lock, List<String> remove, List<Token> put, int wisselDeltaHundredths) {
  public static final TokenBatch NONE = new TokenBatch(List.of(), List.of(), List.of(), 0);

  public TokenBatch {
    lock = List.copyOf(lock);
    remove = List.copyOf(remove);
    put = List.copyOf(put);
  }

  public static TokenBatch lock(List<String> ids) {
    return new TokenBatch(ids, List.of(), List.of(), 0);
  }

  public static TokenBatch restore(List<Token> retro) {
    return new TokenBatch(List.of(), List.of(), retro, 0);
  }

  public boolean isEmpty() {
    return lock.isEmpty() && remove.isEmpty() && put.isEmpty() && wisselDeltaHundredths == 0;
  }
}
