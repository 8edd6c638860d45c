package org.juicetokens.bench;

import org.juicetokens.crypto.VerifiedSignatures;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Turns the shared memo of positive Ed25519 verifications off (crypto.verifiedCacheEntries = 0)
 * for a benchmark that takes this state: the figure of before the memo, next to the same
 * benchmark with it. Each benchmark runs in its own fork, so the others keep the memo on.
 */
@State(Scope.Benchmark)
public class MemoOff {
  @Setup
  public void off() {
    VerifiedSignatures.configure(0);
  }

  @TearDown
  public void on() {
    VerifiedSignatures.configure(VerifiedSignatures.DEFAULT_ENTRIES);
  }
}
