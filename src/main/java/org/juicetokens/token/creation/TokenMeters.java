package org.juicetokens.token.creation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.juicetokens.token.proto.HeldCount;
import org.juicetokens.token.proto.TokenStats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The token layer's own meters (the mint's timer and error counts come from Instrumented):
 * {@code juice_tokens_minted_total{denomination}}, the gauge {@code juice_tokens_held{denomination}}
 * (tokens stored on this node) and the histogram {@code juice_token_mint_batch_size}. The
 * denomination label takes only the configured denominations (a bounded set). Thread-safe.
 */
final class TokenMeters {
  private final Map<Integer, Counter> minted = new LinkedHashMap<>();
  private final Map<Integer, AtomicLong> held = new LinkedHashMap<>();
  private final DistributionSummary batchSize;
  private final LongAdder mintedTotal = new LongAdder();
  private final AtomicLong indexPending = new AtomicLong();
  private volatile boolean heldTruncated;

  TokenMeters(MeterRegistry registry, Denominations denominations) {
    for (int d : denominations.values()) {
      String tag = String.valueOf(d);
      minted.put(d, Counter.builder("juice.tokens.minted").description("Tokens minted through this node, by denomination")
        .tag("denomination", tag).register(registry));
      AtomicLong count = new AtomicLong();
      held.put(d, count);
      Gauge.builder("juice.tokens.held", count, AtomicLong::get).description("Tokens stored on this node (its identities'), by denomination")
        .tag("denomination", tag).register(registry);
    }
    batchSize = DistributionSummary.builder("juice.token.mint.batch.size").description("Tokens per mint call")
      .serviceLevelObjectives(1, 10, 100, 1000).register(registry);
    Gauge.builder("juice.tokens.index.pending", indexPending, AtomicLong::get)
      .description("Stored tokens whose DHT index entry is not written yet").register(registry);
  }

  void minted(int denomination, int count) {
    Counter counter = minted.get(denomination);
    if (counter != null) {
      counter.increment(count);
    }
    mintedTotal.add(count);
    batchSize.record(count);
  }

  void held(int denomination, long delta) {
    AtomicLong count = held.get(denomination);
    if (count != null) {
      count.addAndGet(delta);
    }
  }

  void heldTruncated(boolean truncated) {
    heldTruncated = truncated;
  }

  void indexPending(long delta) {
    indexPending.addAndGet(delta);
  }

  void indexPendingSet(long value) {
    indexPending.set(value);
  }

  long indexPending() {
    return indexPending.get();
  }

  TokenStats stats(String location) {
    TokenStats.Builder stats = TokenStats.newBuilder().setLocation(location).setMinted(mintedTotal.sum())
      .setIndexPending(indexPending.get()).setHeldTruncated(heldTruncated);
    long total = 0;
    for (Map.Entry<Integer, AtomicLong> e : held.entrySet()) {
      stats.addHeld(HeldCount.newBuilder().setDenomination(e.getKey()).setCount(e.getValue().get()));
      total += e.getValue().get();
    }
    return stats.setTokensHeld(total).build();
  }
}
