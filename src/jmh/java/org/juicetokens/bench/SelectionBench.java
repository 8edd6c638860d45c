package org.juicetokens.bench;

import org.juicetokens.token.creation.Denominations;
import org.juicetokens.token.transaction.ChangeSelection;
import org.juicetokens.token.transaction.DenominationVectorClock;
import org.juicetokens.token.transaction.PaymentPlan;
import org.juicetokens.token.transaction.SpendableToken;
import org.juicetokens.token.transaction.TokenSelection;
import org.juicetokens.token.transaction.Wallet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * What planning a payment costs for a holding of 2,000 tokens (random standard denominations,
 * seed 42): a small payment (12.34), a payment of nearly everything (the search's worst case for
 * this holding: the sums searched grow with the amount), and the payee's change of 497.
 * Run: {@code ./mvnw -Pbench -DskipTests package exec:exec -Djmh.args="SelectionBench -f 1"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class SelectionBench {
  private final TokenSelection selection = new TokenSelection(2);
  private final DenominationVectorClock clock = DenominationVectorClock.fromLong(Denominations.standard(), 0x1B6C9L);
  private Wallet payer;
  private long nearlyAll;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    List<Integer> denominations = Denominations.standard().values();
    List<SpendableToken> tokens = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      tokens.add(new SpendableToken(String.format("47c609bc-bench-%d-%04d", i, i), denominations.get(random.nextInt(denominations.size()))));
    }
    payer = Wallet.of(tokens, 100);
    nearlyAll = (payer.regularUnits() - 7) * 100 + 33;
  }

  @Benchmark
  public PaymentPlan smallPayment() {
    return selection.plan(payer, OptionalInt.of(100), clock, 1234);
  }

  @Benchmark
  public PaymentPlan nearlyEverything() {
    return selection.plan(payer, OptionalInt.of(100), clock, nearlyAll);
  }

  @Benchmark
  public List<SpendableToken> change() {
    return ChangeSelection.select(payer.regular(), 497, clock);
  }
}
