package org.juicetokens.token.transaction;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenState;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random schedules of a hostile world: writes and signatures completing in any interleaving with
 * message deliveries, messages dropped, duplicated, reordered and delayed, timers firing early
 * relative to messages, the time status flapping, either node crashing and resuming from its log.
 * Then the world heals and the exchange must settle. Checked on every step (by {@link Sim}): no
 * COMMITTED write without a valid commit certificate, never both certificates for the tx, nothing
 * sent before the write it depends on is durable (a crash may lose pending writes or land them unacknowledged), no token locked by a decided tx, never one side
 * COMMITTED and the other ABORTED. Checked at the end: both sides reach the same decision, no
 * token is locked, every token is on exactly one side, owned there, and value is conserved.
 */
class ExchangeProperties {

  @Property(tries = 400)
  void any_schedule_of_drops_duplicates_reorders_crashes_and_timers_ends_in_one_decision(
    @ForAll @Size(max = 150) List<@IntRange(min = 0, max = 1999) Integer> schedule,
    @ForAll boolean withChange,
    @ForAll @IntRange(min = -99, max = 99) int hundredths,
    @ForAll @IntRange(min = 0, max = 12) int calm) {
    ExchangeFixture fx = new ExchangeFixture(3);
    List<Token> payerTokens = fx.payerTokens(10, 5);
    List<Token> payeeTokens = fx.payeeTokens(2, 1);
    Sim sim = new Sim(3, payerTokens, payeeTokens);
    long changeUnits = withChange ? 3 : 0;
    sim.payee.reviewer = p -> TxEvent.Reviewed.accepted(new byte[] {1}, withChange ? payeeTokens : List.of());
    sim.start(fx.plan(payerTokens, changeUnits, hundredths));

    int crashes = 0;
    boolean outage = false;
    for (int v : schedule) {
      int index = v / 20;
      if (v % 20 < calm) {          // the world behaving for a moment: how often varies from schedule to schedule
        sim.step();
        continue;
      }
      switch (v % 20) {
        case 6, 8 -> completeWrite(sim, sim.payer);
        case 7, 9 -> completeWrite(sim, sim.payee);
        case 10 -> {
          Sim.Node n = index % 2 == 0 ? sim.payer : sim.payee;
          if (!n.pendingSigns.isEmpty()) {
            sim.completeSign(n);
          }
        }
        case 11, 19 -> {
          if (!sim.network.isEmpty()) {
            sim.deliver(v % 20 == 19 ? 0 : index % sim.network.size());
          }
        }
        case 4, 12 -> {
          if (!sim.network.isEmpty()) {
            sim.network.remove(index % sim.network.size());
          }
        }
        case 13 -> {
          if (!sim.network.isEmpty()) {
            sim.network.add(sim.network.get(index % sim.network.size()));
          }
        }
        case 5, 14 -> {
          if (sim.anyTimer()) {
            sim.fireNextTimer();
          }
        }
        case 15 -> {
          if (crashes < 3) {
            crashes++;
            (index % 2 == 0 ? sim.payer : sim.payee).crashAndResume(index % 4 >= 2);
          }
        }
        case 16 -> sim.now += index * 100L;
        case 17 -> sim.setTimeAdequate(!sim.timeAdequate);
        case 18 -> {
          if (!outage) {            // a partition past the deadline: every due timer fires (one side's first), all sent is lost
            outage = true;
            sim.network.clear();
            sim.now += 31_000;
            sim.fireDueTimers(index % 2 == 0 ? sim.payee : sim.payer);
            sim.fireDueTimers(index % 2 == 0 ? sim.payer : sim.payee);
            sim.network.clear();
          }
        }
        default -> sim.step();
      }
    }
    sim.setTimeAdequate(true);
    sim.runUntilQuiet(5_000);

    assertThat(sim.network).isEmpty();
    assertThat(sim.anyTimer()).isFalse();
    TxState p = sim.payer.durableState(TxRole.PAYER);
    TxState r = sim.payee.durableState(TxRole.PAYEE);
    net.jqwik.api.statistics.Statistics.collect(p, r, crashes > 0 ? "crashed" : "no crash", outage ? "outage" : "");
    boolean committed = p == TxState.COMMITTED;
    assertThat(r == TxState.COMMITTED).as("payer %s, payee %s", p, r).isEqualTo(committed);
    if (!committed) {
      assertThat(p).isIn(null, TxState.ABORTED);
      assertThat(r).isIn(null, TxState.ABORTED);
      assertThat(sim.payee.engine.state(new ExchangeId(Sim.TX, TxRole.PAYEE))).isNotIn(
        java.util.Optional.of(TxState.PREPARED), java.util.Optional.of(TxState.IN_DOUBT));
    }
    for (Sim.Node n : List.of(sim.payer, sim.payee)) {
      assertThat(n.tokens.values()).noneMatch(t -> t.getState() == TokenState.LOCKED);
      byte[] key = n == sim.payer ? fx.payerKey.publicKey() : fx.payeeKey.publicKey();
      assertThat(n.tokens.values()).allSatisfy(t -> assertThat(t.getTelomere().getOwnerKey().toByteArray()).isEqualTo(key));
    }
    Set<String> all = new HashSet<>(sim.payer.tokens.keySet());
    all.retainAll(sim.payee.tokens.keySet());
    assertThat(all).as("tokens on both sides").isEmpty();
    List<Token> initial = new ArrayList<>(payerTokens);
    initial.addAll(payeeTokens);
    assertThat(sim.payer.tokens.size() + sim.payee.tokens.size()).isEqualTo(initial.size());
    assertThat(sim.payer.units() + sim.payee.units()).isEqualTo(18);
    assertThat(sim.payer.wissel + sim.payee.wissel).isEqualTo(200);
    long paid = committed ? 15 - changeUnits : 0;
    assertThat(sim.payer.units()).isEqualTo(15 - paid);
    assertThat(sim.payer.wissel).isEqualTo(committed ? 100 - hundredths : 100);
  }

  private static void completeWrite(Sim sim, Sim.Node n) {
    if (!n.pendingPersists.isEmpty()) {
      sim.completePersist(n);
    }
  }
}
