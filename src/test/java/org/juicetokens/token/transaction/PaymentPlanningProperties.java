package org.juicetokens.token.transaction;

import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.creation.Denominations;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.token.transaction.PlanningFixture.IDEAL;

/**
 * What every plan keeps, for random holdings and amounts: value is conserved to the hundredth, no
 * wissel, locked or foreign token moves, no token moves twice, the payer keeps its minimum, and
 * each refusal is true (checked against an exhaustive search on small holdings).
 */
class PaymentPlanningProperties {
  private static final List<Integer> DENOMINATIONS = Denominations.standard().values();

  // ---- the payer's plan ------------------------------------------------------------------

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void every_plan_conserves_value_and_every_refusal_is_true(@ForAll long seed, @ForAll @IntRange(min = 0, max = 10) int tokens,
                                                            @ForAll @IntRange(min = 0, max = 3) int minTokens) {
    Random random = new Random(seed);
    Stored payer = stored(random, "p", tokens);
    OptionalInt payeeWissel = maybeWissel(random);
    DenominationVectorClock payeeClock = DenominationVectorClock.fromLong(Denominations.standard(), random.nextLong() & 0x3FFFFL);
    long amount = amount(random, payer.wallet);
    TokenSelection selection = new TokenSelection(minTokens);
    PaymentPlan plan;
    try {
      plan = selection.plan(payer.wallet, payeeWissel, payeeClock, amount);
    } catch (JuiceException refused) {
      Statistics.label("outcome").collect(Refusals.ruleOf(refused));
      assertRefusalIsTrue(refused, payer.wallet, payeeWissel, amount, minTokens);
      return;
    }
    Statistics.label("outcome").collect(plan.exact() ? "exact" : "overpay");
    assertPlanConserves(plan, payer, payeeWissel, amount, minTokens);
    Best best = exhaustive(payer.wallet.regular(), plan.settlement().wholeUnits(), payer.wallet.tokenCount() - minTokens, payeeClock);
    assertThat(best).as("an exhaustive search finds a selection").isNotNull();
    assertThat(new long[] {plan.changeUnits(), plan.sent().size(), score(plan.sent(), payeeClock)})
      .as("smallest overpay, then fewest tokens, then the payee's preference")
      .containsExactly(best.overpay, best.count, best.score);
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void with_many_equal_choices_the_plan_follows_the_payees_preference(@ForAll long seed, @ForAll @IntRange(min = 0, max = 10) int tokens) {
    Random random = new Random(seed);
    List<Integer> dense = List.of(1, 2, 3, 4, 5, 6);
    List<SpendableToken> regular = new ArrayList<>();
    for (int i = 0; i < tokens; i++) {
      regular.add(new SpendableToken("p-" + i, dense.get(random.nextInt(dense.size()))));
    }
    Wallet payer = Wallet.of(regular, 100);
    DenominationVectorClock payeeClock = DenominationVectorClock.fromLong(Denominations.of(dense.stream().map(String::valueOf).toList()),
      random.nextLong() & 0xFFFL);
    long amount = 100 * (1 + random.nextLong(Math.max(1, payer.regularUnits())));
    try {
      PaymentPlan plan = new TokenSelection(1).plan(payer, OptionalInt.of(100), payeeClock, amount);
      Best best = exhaustive(regular, amount / 100, payer.tokenCount() - 1, payeeClock);
      Statistics.label("score").collect(best.score > 0 ? "preferred" : "indifferent");
      assertThat(new long[] {plan.changeUnits(), plan.sent().size(), score(plan.sent(), payeeClock)})
        .containsExactly(best.overpay, best.count, best.score);
    } catch (JuiceException refused) {
      assertThat(refused.code()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS);
    }
  }

  @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
  void large_holdings_plan_and_conserve_value(@ForAll long seed, @ForAll @IntRange(min = 200, max = 2000) int tokens) {
    Random random = new Random(seed);
    Stored payer = stored(random, "p", tokens);
    OptionalInt payeeWissel = OptionalInt.of(random.nextInt(200));
    long amount = amount(random, payer.wallet);
    try {
      PaymentPlan plan = new TokenSelection(2).plan(payer.wallet, payeeWissel, PlanningFixture.NEUTRAL, amount);
      assertPlanConserves(plan, payer, payeeWissel, amount, 2);
    } catch (JuiceException refused) {
      assertRefusalIsTrue(refused, payer.wallet, payeeWissel, amount, 2);
    }
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void the_same_holding_in_any_order_gets_the_same_plan(@ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int tokens) {
    Random random = new Random(seed);
    Stored payer = stored(random, "p", tokens);
    long amount = amount(random, payer.wallet);
    List<SpendableToken> shuffled = new ArrayList<>(payer.wallet.regular());
    Collections.shuffle(shuffled, random);
    Wallet same = new Wallet(shuffled, payer.wallet.wisselHundredths());
    TokenSelection selection = new TokenSelection(2);
    Object first = outcome(() -> selection.plan(payer.wallet, OptionalInt.of(100), PlanningFixture.NEUTRAL, amount));
    assertThat(outcome(() -> selection.plan(same, OptionalInt.of(100), PlanningFixture.NEUTRAL, amount))).isEqualTo(first);
  }

  // ---- both sides ------------------------------------------------------------------------

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void an_exchange_with_change_conserves_every_hundredth(@ForAll long seed, @ForAll @IntRange(min = 0, max = 12) int payerTokens,
                                                         @ForAll @IntRange(min = 0, max = 14) int payeeTokens) {
    Random random = new Random(seed);
    Stored payer = stored(random, "p", payerTokens);
    Stored payee = stored(random, "r", payeeTokens);
    long amount = amount(random, payer.wallet);
    ExchangePlan exchange;
    try {
      exchange = ExchangePlan.plan(new TokenSelection(2), IDEAL, payer.wallet, payee.wallet, amount);
    } catch (JuiceException refused) {
      Statistics.label("outcome").collect(Refusals.ruleOf(refused));
      if (Refusals.IMPOSSIBLE_CHANGE.equals(Refusals.ruleOf(refused))) {
        PaymentPlan payment = new TokenSelection(2).plan(payer.wallet, payee.wallet.wisselHundredths(),
          DenominationVectorClock.of(IDEAL, payee.wallet.regular()), amount);
        assertThat(exactSubsetExists(payee.wallet.regular(), payment.changeUnits())).as("change really is impossible").isFalse();
      } else {
        assertRefusalIsTrue(refused, payer.wallet, payee.wallet.wisselHundredths(), amount, 2);
      }
      return;
    }
    PaymentPlan payment = exchange.payment();
    Statistics.label("outcome").collect(payment.exact() ? "exact" : "with change");
    assertDistinctSubset(exchange.change(), payee);
    assertThat(units(exchange.change())).isEqualTo(payment.changeUnits());
    long payerBefore = payer.wallet.totalHundredths();
    long payeeBefore = payee.wallet.totalHundredths();
    long payerAfter = (payer.wallet.regularUnits() - payment.sentUnits() + payment.changeUnits()) * 100
      + payment.settlement().payerWisselAfter().orElse(0);
    long payeeAfter = (payee.wallet.regularUnits() + payment.sentUnits() - payment.changeUnits()) * 100
      + payment.settlement().payeeWisselAfter().orElse(0);
    assertThat(payerBefore - payerAfter).isEqualTo(amount);
    assertThat(payeeAfter - payeeBefore).isEqualTo(amount);
    Set<String> moved = new HashSet<>(payment.sentTokenIds());
    for (String id : exchange.changeTokenIds()) {
      assertThat(moved.add(id)).as("token " + id + " moves once").isTrue();
    }
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void change_is_exact_whenever_it_can_be(@ForAll long seed, @ForAll @IntRange(min = 0, max = 12) int tokens,
                                          @ForAll @IntRange(min = 0, max = 600) int change) {
    Random random = new Random(seed);
    Stored payee = stored(random, "r", tokens);
    DenominationVectorClock payerClock = DenominationVectorClock.fromLong(Denominations.standard(), random.nextLong() & 0x3FFFFL);
    boolean possible = exactSubsetExists(payee.wallet.regular(), change);
    try {
      List<SpendableToken> chosen = ChangeSelection.select(payee.wallet.regular(), change, payerClock);
      assertThat(possible).isTrue();
      assertDistinctSubset(chosen, payee);
      assertThat(units(chosen)).isEqualTo(change);
      Best best = exhaustive(payee.wallet.regular(), change, Integer.MAX_VALUE, payerClock);
      assertThat(new long[] {chosen.size(), score(chosen, payerClock)}).containsExactly(best.count, best.score);
    } catch (JuiceException refused) {
      assertThat(refused.code()).isEqualTo(ErrorCode.INSUFFICIENT_CHANGE);
      assertThat(possible).isFalse();
    }
  }

  // ---- the vector clock ------------------------------------------------------------------

  @Property(tries = 200, edgeCases = EdgeCasesMode.FIRST)
  void vector_clocks_round_trip_through_both_encodings(@ForAll @IntRange(min = 0, max = (1 << 18) - 1) int encoded) {
    DenominationVectorClock clock = DenominationVectorClock.fromLong(Denominations.standard(), encoded);
    assertThat(clock.toLong()).isEqualTo(encoded);
    assertThat(DenominationVectorClock.fromBytes(Denominations.standard(), clock.toBytes())).isEqualTo(clock);
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void the_vector_clock_follows_the_counts(@ForAll long seed, @ForAll @IntRange(min = 0, max = 80) int tokens) {
    Random random = new Random(seed);
    Stored holder = stored(random, "h", tokens);
    DenominationVectorClock clock = DenominationVectorClock.of(IDEAL, holder.wallet.regular());
    for (int i = 0; i < DENOMINATIONS.size(); i++) {
      int d = DENOMINATIONS.get(i);
      long count = holder.wallet.regular().stream().filter(t -> t.denomination() == d).count();
      double ratio = (double) count / IDEAL.counts().get(i);
      DenominationStatus expected = ratio < 0.5 ? DenominationStatus.LACK : ratio < 1 ? DenominationStatus.SLIGHTLY_WANTING
        : ratio <= 1.5 ? DenominationStatus.GOOD : DenominationStatus.ABUNDANCE;
      assertThat(clock.status(d)).isEqualTo(expected);
    }
  }

  // ---- checks ----------------------------------------------------------------------------

  private static void assertPlanConserves(PaymentPlan plan, Stored payer, OptionalInt payeeWissel, long amount, int minTokens) {
    assertDistinctSubset(plan.sent(), payer);
    assertThat(plan.sentUnits()).isEqualTo(units(plan.sent()));
    assertThat(plan.changeUnits()).isNotNegative();
    assertThat(plan.sentUnits() - plan.changeUnits() - plan.settlement().wholeUnits()).isZero();
    WisselSettlement s = plan.settlement();
    int payerWissel = payer.wallet.wisselHundredths().orElse(0);
    int wisselBefore = payerWissel + payeeWissel.orElse(0);
    assertThat(s.payerWisselAfter().orElse(0) + s.payeeWisselAfter().orElse(0)).isEqualTo(wisselBefore);
    assertThat(s.payerWisselAfter().isPresent()).isEqualTo(payer.wallet.hasWissel());
    assertThat(s.payeeWisselAfter().isPresent()).isEqualTo(payeeWissel.isPresent());
    s.payerWisselAfter().ifPresent(w -> assertThat(w).isBetween(0, 199));
    s.payeeWisselAfter().ifPresent(w -> assertThat(w).isBetween(0, 199));
    long payerDecrease = (plan.sentUnits() - plan.changeUnits()) * 100 + payerWissel - s.payerWisselAfter().orElse(0);
    long payeeIncrease = (plan.sentUnits() - plan.changeUnits()) * 100 + s.payeeWisselAfter().orElse(0) - payeeWissel.orElse(0);
    assertThat(payerDecrease).isEqualTo(amount);
    assertThat(payeeIncrease).isEqualTo(amount);
    assertThat(plan.tokenCountAfter()).isEqualTo(payer.wallet.tokenCount() - plan.sent().size()).isGreaterThanOrEqualTo(minTokens);
    if (!plan.sent().isEmpty()) {
      int smallestSent = plan.sent().stream().mapToInt(SpendableToken::denomination).min().orElseThrow();
      assertThat(plan.changeUnits()).as("no token could be left out").isLessThan(smallestSent);
    }
  }

  private static void assertRefusalIsTrue(JuiceException refused, Wallet payer, OptionalInt payeeWissel, long amount, int minTokens) {
    String rule = Refusals.ruleOf(refused);
    switch (refused.code()) {
      case INSUFFICIENT_FUNDS -> {
        if (Refusals.FUNDS.equals(rule)) {
          boolean tooLittle = payer.totalHundredths() < amount;
          assertThat(tooLittle || payer.regularUnits() < WisselSettlement.settle(amount, payer.wisselHundredths(), payeeWissel).wholeUnits())
            .as("the payer really cannot cover it: " + refused.getMessage()).isTrue();
        } else {
          assertThat(rule).isEqualTo(Refusals.MIN_TOKENS);
          long whole = WisselSettlement.settle(amount, payer.wisselHundredths(), payeeWissel).wholeUnits();
          int mayPay = payer.tokenCount() - minTokens;
          List<Integer> largestFirst = payer.regular().stream().map(SpendableToken::denomination).sorted(Collections.reverseOrder()).toList();
          long best = mayPay < 0 ? -1 : largestFirst.stream().limit(mayPay).mapToLong(Integer::longValue).sum();
          assertThat(best).as("the largest " + mayPay + " tokens fall short: " + refused.getMessage()).isLessThan(whole);
        }
      }
      case INSUFFICIENT_CHANGE -> {
        assertThat(rule).isEqualTo(Refusals.HUNDREDTHS);
        int f = (int) (amount % 100);
        assertThat(f).isPositive();
        if (payer.hasWissel() && payeeWissel.isPresent()) {
          int wp = payer.wisselHundredths().getAsInt();
          int wr = payeeWissel.getAsInt();
          assertThat(wp >= f && wr + f <= 199).isFalse();
          assertThat(wr >= 100 - f && wp + 100 - f <= 199).isFalse();
        }
      }
      default -> throw refused;
    }
    if (payer.totalHundredths() < amount) {
      assertThat(refused.code()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS);
    }
  }

  private static void assertDistinctSubset(List<SpendableToken> chosen, Stored from) {
    Set<String> seen = new HashSet<>();
    for (SpendableToken token : chosen) {
      assertThat(seen.add(token.tokenId())).as("token " + token.tokenId() + " chosen once").isTrue();
      assertThat(from.wallet.regular()).contains(token);
      assertThat(from.unspendableIds).doesNotContain(token.tokenId());
    }
  }

  // ---- an exhaustive search over counts per denomination (small holdings only) -------------

  private record Best(long overpay, long count, long score) {
  }

  private static Best exhaustive(List<SpendableToken> tokens, long atLeast, long maxCount, DenominationVectorClock clock) {
    TreeMap<Integer, Integer> counts = new TreeMap<>();
    tokens.forEach(t -> counts.merge(t.denomination(), 1, Integer::sum));
    List<Integer> values = new ArrayList<>(counts.keySet());
    Best[] best = {null};
    search(values, counts, 0, 0, 0, 0, atLeast, maxCount, clock, best);
    return best[0];
  }

  private static void search(List<Integer> values, TreeMap<Integer, Integer> counts, int i, long sum, long count, long score,
                             long atLeast, long maxCount, DenominationVectorClock clock, Best[] best) {
    if (count > maxCount) {
      return;
    }
    if (i == values.size()) {
      if (sum >= atLeast) {
        Best candidate = new Best(sum - atLeast, count, score);
        if (best[0] == null || better(candidate, best[0])) {
          best[0] = candidate;
        }
      }
      return;
    }
    int d = values.get(i);
    for (int k = 0; k <= counts.get(d); k++) {
      search(values, counts, i + 1, sum + (long) k * d, count + k, score + (long) k * clock.preference(d), atLeast, maxCount, clock, best);
    }
  }

  private static boolean better(Best a, Best b) {
    if (a.overpay != b.overpay) {
      return a.overpay < b.overpay;
    }
    if (a.count != b.count) {
      return a.count < b.count;
    }
    return a.score > b.score;
  }

  private static boolean exactSubsetExists(List<SpendableToken> tokens, long sum) {
    Best best = exhaustive(tokens, sum, Integer.MAX_VALUE, PlanningFixture.NEUTRAL);
    return best != null && best.overpay == 0;
  }

  // ---- generators ------------------------------------------------------------------------

  /** A wallet read from stored tokens that include a wissel, locked and expired tokens (never spendable). */
  private record Stored(Wallet wallet, Set<String> unspendableIds) {
  }

  private static Stored stored(Random random, String prefix, int regular) {
    long now = 1_000_000;
    List<Token> tokens = new ArrayList<>();
    Set<String> unspendable = new HashSet<>();
    for (int i = 0; i < regular; i++) {
      tokens.add(token(prefix + "-" + i, denomination(random), TokenState.ACTIVE, now + 1));
    }
    OptionalInt wissel = maybeWissel(random);
    if (wissel.isPresent()) {
      String id = prefix + "-wissel";
      tokens.add(token(id, 1, TokenState.ACTIVE, now + 1).toBuilder().setWissel(true).setWisselHundredths(wissel.getAsInt()).build());
      unspendable.add(id);
    }
    for (int i = 0; i < random.nextInt(3); i++) {
      String locked = prefix + "-locked-" + i;
      String expired = prefix + "-expired-" + i;
      tokens.add(token(locked, denomination(random), TokenState.LOCKED, now + 1));
      tokens.add(token(expired, denomination(random), TokenState.ACTIVE, now));
      unspendable.add(locked);
      unspendable.add(expired);
    }
    Collections.shuffle(tokens, random);
    return new Stored(Wallet.fromStored(tokens, now), unspendable);
  }

  /** Small denominations more often than large ones (the minimum of two uniform picks). */
  private static int denomination(Random random) {
    return DENOMINATIONS.get(Math.min(random.nextInt(DENOMINATIONS.size()), random.nextInt(DENOMINATIONS.size())));
  }

  private static Token token(String id, int denomination, TokenState state, long expiresAtMs) {
    return Token.newBuilder().setId(id).setDenomination(denomination).setState(state).setExpiresAtMs(expiresAtMs).build();
  }

  private static OptionalInt maybeWissel(Random random) {
    if (random.nextInt(8) == 0) {
      return OptionalInt.empty();
    }
    int pick = random.nextInt(10);
    return OptionalInt.of(pick == 0 ? 0 : pick == 1 ? 199 : random.nextInt(200));
  }

  /** Mostly within what the payer holds, sometimes just above, often whole, sometimes tiny. */
  private static long amount(Random random, Wallet payer) {
    long total = payer.totalHundredths();
    long amount = switch (random.nextInt(5)) {
      case 0 -> (1 + random.nextLong(Math.max(1, total / 100 + 2))) * 100;
      case 1 -> 1 + random.nextLong(199);
      case 2 -> total + 1 + random.nextLong(100);
      default -> 1 + random.nextLong(Math.max(1, total + 1));
    };
    return Math.max(1, amount);
  }

  private static long units(List<SpendableToken> tokens) {
    return tokens.stream().mapToLong(SpendableToken::denomination).sum();
  }

  private static long score(List<SpendableToken> tokens, DenominationVectorClock clock) {
    return tokens.stream().mapToLong(t -> clock.preference(t.denomination())).sum();
  }

  private static Object outcome(java.util.function.Supplier<PaymentPlan> plan) {
    try {
      return plan.get();
    } catch (JuiceException e) {
      return e.code() + ":" + e.getMessage();
    }
  }
}
