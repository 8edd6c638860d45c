package org.juicetokens.token.transaction;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenState;
import org.juicetokens.token.transaction.proto.TxMessage;
import org.juicetokens.token.transaction.proto.TxPlan;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionEngineTest {
  private static final ExchangeId PAYER = new ExchangeId(Sim.TX, TxRole.PAYER);
  private static final ExchangeId PAYEE = new ExchangeId(Sim.TX, TxRole.PAYEE);

  private final ExchangeFixture fx = new ExchangeFixture(1);
  private final List<Token> payerTokens = fx.payerTokens(10, 5);
  private final List<Token> change = fx.payeeTokens(2, 1);

  private Sim sim() {
    Sim sim = new Sim(1, payerTokens, change);
    sim.payee.reviewer = p -> TxEvent.Reviewed.accepted(new byte[] {2}, p.getChangeUnits() == 3 ? change : List.of());
    return sim;
  }

  private static TxState last(Sim.Node n) {
    return n.outcomes.isEmpty() ? null : n.outcomes.get(n.outcomes.size() - 1).state();
  }

  private static ErrorCode lastCode(Sim.Node n) {
    return n.outcomes.get(n.outcomes.size() - 1).code();
  }

  @Test
  void only_decided_exchanges_are_forgotten_and_a_payer_only_once_finalized() {
    Sim sim = sim();
    sim.start(fx.plan(payerTokens, 3, 30));
    assertThat(sim.payer.engine.forget(PAYER)).isFalse();   // INITIATED: still needed

    sim.runUntilQuiet(200);

    assertThat(sim.payer.engine.forget(PAYER)).isTrue();    // COMMITTED and finalized
    assertThat(sim.payer.engine.state(PAYER)).isEmpty();
    assertThat(sim.payee.engine.forget(PAYEE)).isTrue();
    assertThat(sim.payee.engine.forget(PAYEE)).isFalse();   // unknown by now
  }

  @Test
  void a_payment_with_change_commits_on_both_sides_and_moves_tokens_and_hundredths() {
    Sim sim = sim();
    sim.start(fx.plan(payerTokens, 3, 30));   // 12.30 paid with 15, 3 back

    sim.runUntilQuiet(200);

    assertThat(sim.payer.durableState(TxRole.PAYER)).isEqualTo(TxState.COMMITTED);
    assertThat(sim.payee.durableState(TxRole.PAYEE)).isEqualTo(TxState.COMMITTED);
    assertThat(sim.payer.log.get(PAYER).getFinalized()).isTrue();
    assertThat(sim.payer.tokens.keySet()).containsExactlyInAnyOrder("R-2-0", "R-1-1");
    assertThat(sim.payee.tokens.keySet()).containsExactlyInAnyOrder("P-10-0", "P-5-1");
    assertThat(sim.payer.tokens.values()).allSatisfy(t -> {
      assertThat(t.getState()).isEqualTo(TokenState.ACTIVE);
      assertThat(t.getOwnerId()).isEqualTo("p");
      assertThat(t.getTelomere().getOwnerKey().toByteArray()).isEqualTo(fx.payerKey.publicKey());
    });
    assertThat(sim.payee.tokens.values()).allSatisfy(t -> assertThat(t.getTelomere().getOwnerKey().toByteArray()).isEqualTo(fx.payeeKey.publicKey()));
    assertThat(sim.payer.wissel).isEqualTo(70);
    assertThat(sim.payee.wissel).isEqualTo(130);
    assertThat(last(sim.payer)).isEqualTo(TxState.COMMITTED);
    assertThat(last(sim.payee)).isEqualTo(TxState.COMMITTED);
    assertThat(sim.anyTimer()).isFalse();
  }

  @Test
  void the_received_tokens_verify_with_the_commit_certificate_as_their_links_commit_check() {
    Sim sim = sim();
    sim.start(fx.plan(payerTokens, 3, 0));
    sim.runUntilQuiet(200);

    CertifiedLinks committed = CertifiedLinks.of(java.util.Map.of(Sim.TX, sim.payer.log.get(PAYER).getCertificate()));
    for (Token t : sim.payee.tokens.values()) {
      assertThat(org.juicetokens.token.telomere.Telomeres.verify(t.getId(), t.getGenesis(), t.getTelomere(),
        org.juicetokens.token.telomere.VerifyOptions.of(10).withCommitCheck(committed)).valid()).isTrue();
    }
  }

  @Test
  void a_payment_without_change_commits() {
    Sim sim = sim();
    sim.start(fx.plan(payerTokens, 0, 0));

    sim.runUntilQuiet(200);

    assertThat(sim.payer.durableState(TxRole.PAYER)).isEqualTo(TxState.COMMITTED);
    assertThat(sim.payee.durableState(TxRole.PAYEE)).isEqualTo(TxState.COMMITTED);
    assertThat(sim.payer.tokens).isEmpty();
    assertThat(sim.payee.tokens.keySet()).contains("P-10-0", "P-5-1", "R-2-0", "R-1-1");
  }

  @Test
  void a_payee_that_rejects_leaves_both_sides_untouched() {
    Sim sim = sim();
    sim.payee.reviewer = p -> TxEvent.Reviewed.rejected("not selling");
    sim.start(fx.plan(payerTokens, 0, 0));

    sim.runUntilQuiet(200);

    assertThat(last(sim.payer)).isEqualTo(TxState.ABORTED);
    assertThat(lastCode(sim.payer)).isEqualTo(ErrorCode.CONFLICT);
    assertThat(sim.payer.outcomes.get(0).reason()).contains("not selling");
    assertThat(last(sim.payee)).isEqualTo(TxState.ABORTED);
    assertThat(sim.payer.tokens.values()).containsExactlyInAnyOrderElementsOf(payerTokens);
    assertThat(sim.payee.tokens.values()).containsExactlyInAnyOrderElementsOf(change);
    assertThat(sim.payee.log).isEmpty();
  }

  @Test
  void a_payee_that_vanishes_before_preparing_makes_the_payer_abort_at_the_deadline_and_roll_back() {
    Sim sim = sim();
    sim.start(fx.plan(payerTokens, 3, 0));
    sim.runUntil(() -> sim.network.stream().anyMatch(f -> f.message().hasInitiation()), 100);
    sim.network.clear();
    sim.payee.engine = sim.payee.newEngine();   // gone without a trace: nothing was durable there
    sim.payee.timers.clear();

    sim.runUntil(() -> sim.payer.durableState(TxRole.PAYER) == TxState.ABORTED, 500);
    sim.network.clear();

    assertThat(sim.payer.durableState(TxRole.PAYER)).isEqualTo(TxState.ABORTED);
    assertThat(lastCode(sim.payer)).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(sim.now).isGreaterThanOrEqualTo(ExchangeFixture.T0 + 30_000);
    assertThat(sim.payer.tokens.values()).containsExactlyInAnyOrderElementsOf(payerTokens);
  }

  @Test
  void a_payee_whose_payer_vanishes_after_the_accept_aborts_alone_at_the_deadline() {
    Sim sim = sim();
    sim.start(fx.plan(payerTokens, 3, 0));
    sim.runUntil(() -> sim.network.stream().anyMatch(f -> f.message().hasAccept()), 50);
    sim.network.clear();
    sim.payer.engine = sim.payer.newEngine();     // nothing was durable on the payer's side yet
    sim.payer.timers.clear();

    sim.runUntilQuiet(200);

    assertThat(last(sim.payee)).isEqualTo(TxState.ABORTED);
    assertThat(lastCode(sim.payee)).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(sim.payee.tokens.values()).containsExactlyInAnyOrderElementsOf(change);
    assertThat(sim.payee.log).isEmpty();
  }

  @Test
  void a_message_from_another_key_than_the_other_partys_is_ignored() {
    Sim sim = sim();
    sim.start(fx.plan(payerTokens, 0, 0));
    sim.deliver(0);
    TxMessage accept = sim.network.remove(0).message();
    TxMessage forged = accept.toBuilder().setSenderKey(com.google.protobuf.ByteString.copyFrom(fx.issuer.publicKey())).build();

    assertThat(sim.payer.engine.receive(forged)).singleElement().isInstanceOf(TxEffect.Ignored.class);
    assertThat(sim.payer.engine.state(PAYER)).contains(TxState.INITIATED);
  }

  @Test
  void a_payer_crash_after_the_payee_prepared_leaves_the_payee_in_doubt_until_both_abort() {
    Sim sim = sim();
    sim.start(fx.plan(payerTokens, 3, 0));
    sim.runUntil(() -> sim.network.stream().anyMatch(f -> f.message().hasPreparation()), 200);
    sim.network.clear();                          // the Preparation is lost and the payer's node goes down
    Sim.Node down = sim.payer;
    down.timers.clear();
    down.pendingSigns.clear();
    down.pendingPersists.clear();

    // the payee re-sends its Preparation, then past the deadline is IN_DOUBT and asks; nobody answers
    for (int i = 0; i < 40 && sim.payee.durableState(TxRole.PAYEE) != TxState.IN_DOUBT; i++) {
      sim.runUntil(() -> !sim.network.isEmpty(), 50);
      sim.network.clear();
    }
    assertThat(sim.payee.durableState(TxRole.PAYEE)).isEqualTo(TxState.IN_DOUBT);
    assertThat(sim.payee.tokens.get("R-2-0").getState()).isEqualTo(TokenState.LOCKED);
    assertThat(sim.payee.outcomes).extracting(TxEffect.Outcome::state).contains(TxState.IN_DOUBT);

    down.crashAndResume();                        // resumes PREPARED past the deadline: abort
    sim.runUntilQuiet(500);

    assertThat(sim.payer.durableState(TxRole.PAYER)).isEqualTo(TxState.ABORTED);
    assertThat(sim.payee.durableState(TxRole.PAYEE)).isEqualTo(TxState.ABORTED);
    assertThat(sim.payer.tokens.values()).containsExactlyInAnyOrderElementsOf(payerTokens);
    assertThat(sim.payee.tokens.values()).containsExactlyInAnyOrderElementsOf(change);
  }

  @Test
  void a_payee_in_doubt_commits_when_the_payer_comes_back_with_its_commit() {
    Sim sim = sim();
    sim.start(fx.plan(payerTokens, 3, 0));
    sim.runUntil(() -> sim.payer.durableState(TxRole.PAYER) == TxState.COMMITTED, 200);
    sim.network.clear();                          // the Commitment is lost and the payer's node goes down
    Sim.Node down = sim.payer;
    down.timers.clear();
    for (int i = 0; i < 40 && sim.payee.durableState(TxRole.PAYEE) != TxState.IN_DOUBT; i++) {
      sim.runUntil(() -> !sim.network.isEmpty(), 50);
      sim.network.clear();
    }
    assertThat(sim.payee.durableState(TxRole.PAYEE)).isEqualTo(TxState.IN_DOUBT);

    down.crashAndResume();                        // COMMITTED, not finalized: re-sends the Commitment
    sim.runUntilQuiet(500);

    assertThat(sim.payee.durableState(TxRole.PAYEE)).isEqualTo(TxState.COMMITTED);
    assertThat(sim.payer.log.get(PAYER).getFinalized()).isTrue();
    assertThat(sim.payee.tokens.keySet()).containsExactlyInAnyOrder("P-10-0", "P-5-1");
  }

  @Test
  void the_deadline_firing_while_the_commit_is_being_written_does_not_abort() {
    Sim sim = sim();
    sim.start(fx.plan(payerTokens, 3, 0));
    sim.runUntil(() -> sim.payer.pendingPersists.stream().anyMatch(p -> p.record().getState() == TxState.COMMITTED), 200);
    sim.now = sim.payer.log.get(PAYER).getDeadlineMs();

    List<TxEffect> effects = sim.payer.engine.handle(PAYER, new TxEvent.TimerFired(TimerKind.DEADLINE));
    sim.payer.apply(effects);
    sim.runUntilQuiet(500);

    assertThat(effects).noneMatch(e -> e instanceof TxEffect.RequestSignature);
    assertThat(sim.payer.durableState(TxRole.PAYER)).isEqualTo(TxState.COMMITTED);
    assertThat(sim.payee.durableState(TxRole.PAYEE)).isEqualTo(TxState.COMMITTED);
  }

  @Test
  void a_payer_crash_after_committing_resends_the_commitment_on_resume() {
    Sim sim = sim();
    sim.start(fx.plan(payerTokens, 3, 0));
    sim.runUntil(() -> sim.payer.durableState(TxRole.PAYER) == TxState.COMMITTED, 200);
    sim.network.clear();
    sim.payer.crashAndResume();

    sim.runUntilQuiet(500);

    assertThat(sim.payee.durableState(TxRole.PAYEE)).isEqualTo(TxState.COMMITTED);
    assertThat(sim.payer.log.get(PAYER).getFinalized()).isTrue();
  }

  @Test
  void a_payee_crash_after_preparing_resumes_and_commits() {
    Sim sim = sim();
    sim.start(fx.plan(payerTokens, 3, 0));
    sim.runUntil(() -> sim.network.stream().anyMatch(f -> f.message().hasPreparation()), 200);
    sim.network.clear();
    sim.payee.crashAndResume();                   // before the deadline: re-sends its Preparation

    sim.runUntilQuiet(500);

    assertThat(sim.payer.durableState(TxRole.PAYER)).isEqualTo(TxState.COMMITTED);
    assertThat(sim.payee.durableState(TxRole.PAYEE)).isEqualTo(TxState.COMMITTED);
  }

  @Test
  void duplicated_and_reordered_messages_are_harmless() {
    Sim sim = sim();
    sim.start(fx.plan(payerTokens, 3, 0));
    for (int i = 0; i < 300 && sim.payer.log.get(PAYER) == null || i < 300 && !sim.payer.log.get(PAYER).getFinalized(); i++) {
      if (!sim.network.isEmpty()) {
        Sim.InFlight first = sim.network.get(0);
        sim.network.add(first);                   // every message arrives at least twice, later copies after others
        sim.network.add(first);
      }
      sim.step();
    }
    sim.runUntilQuiet(1000);

    assertThat(sim.payer.durableState(TxRole.PAYER)).isEqualTo(TxState.COMMITTED);
    assertThat(sim.payee.durableState(TxRole.PAYEE)).isEqualTo(TxState.COMMITTED);
    assertThat(sim.payer.outcomes).filteredOn(o -> o.state() == TxState.COMMITTED).hasSize(1);
    assertThat(sim.payee.outcomes).filteredOn(o -> o.state() == TxState.COMMITTED).hasSize(1);
    assertThat(sim.payee.tokens.keySet()).containsExactlyInAnyOrder("P-10-0", "P-5-1");
  }

  @Test
  void a_message_older_than_five_seconds_is_refused() {
    Sim sim = sim();
    sim.start(fx.plan(payerTokens, 0, 0));
    TxMessage propose = sim.network.remove(0).message();
    sim.now += 5_001;

    List<TxEffect> effects = sim.payee.engine.receive(propose);

    assertThat(effects).singleElement().isInstanceOfSatisfying(TxEffect.Ignored.class,
      i -> assertThat(i.reason()).startsWith("TOO_OLD"));
    assertThat(sim.payee.engine.state(PAYEE)).isEmpty();
  }

  @Test
  void a_message_dated_more_than_five_seconds_ahead_is_refused() {
    Sim sim = sim();
    sim.start(fx.plan(payerTokens, 0, 0));
    TxMessage propose = sim.network.remove(0).message();
    sim.now -= 5_001;

    assertThat(sim.payee.engine.receive(propose)).singleElement().isInstanceOfSatisfying(TxEffect.Ignored.class,
      i -> assertThat(i.reason()).startsWith("FROM_THE_FUTURE"));
  }

  @Test
  void inadequate_time_at_commit_aborts_with_time_inadequate() {
    Sim sim = sim();
    sim.setTimeAdequate(false);                   // preparing is allowed in any status, committing is not
    sim.start(fx.plan(payerTokens, 3, 0));

    sim.runUntilQuiet(500);

    assertThat(sim.payer.durableState(TxRole.PAYER)).isEqualTo(TxState.ABORTED);
    assertThat(lastCode(sim.payer)).isEqualTo(ErrorCode.TIME_INADEQUATE);
    assertThat(sim.payee.durableState(TxRole.PAYEE)).isEqualTo(TxState.ABORTED);
    assertThat(sim.payer.tokens.values()).containsExactlyInAnyOrderElementsOf(payerTokens);
    assertThat(sim.payee.tokens.values()).containsExactlyInAnyOrderElementsOf(change);
  }

  @Test
  void a_query_about_an_unknown_tx_is_answered_with_an_abort_recorded_first() {
    Sim sim = sim();
    sim.start(fx.plan(payerTokens, 3, 0));
    sim.runUntil(() -> sim.network.stream().anyMatch(f -> f.message().hasPreparation()), 200);
    sim.network.clear();
    sim.payer.log.clear();                        // the payer's store was lost and restored from before the tx
    payerTokens.forEach(t -> sim.payer.tokens.put(t.getId(), t));
    sim.payer.crashAndResume();

    sim.runUntilQuiet(1000);

    assertThat(sim.payer.durableState(TxRole.PAYER)).isEqualTo(TxState.ABORTED);
    assertThat(sim.payee.durableState(TxRole.PAYEE)).isEqualTo(TxState.ABORTED);
    assertThat(sim.payee.tokens.values()).containsExactlyInAnyOrderElementsOf(change);
  }

  @Test
  void a_token_that_cannot_be_locked_aborts_before_anything_is_sent() {
    Sim sim = sim();
    sim.start(fx.plan(payerTokens, 0, 0));
    Token spent = sim.payer.tokens.get("P-5-1").toBuilder().setState(TokenState.LOCKED).setLockTxId("other").build();
    sim.payer.tokens.put("P-5-1", spent);

    sim.runUntilQuiet(500);

    assertThat(sim.payer.durableState(TxRole.PAYER)).isEqualTo(TxState.ABORTED);
    assertThat(lastCode(sim.payer)).isEqualTo(ErrorCode.CONFLICT);
    assertThat(sim.payer.sent).noneMatch(TxMessage::hasInitiation);
  }

  @Test
  void a_forged_commitment_is_ignored() {
    Sim sim = sim();
    sim.start(fx.plan(payerTokens, 3, 0));
    sim.runUntil(() -> sim.network.stream().anyMatch(f -> f.message().hasPreparation()), 200);
    var body = Certificates.body(Sim.TX, org.juicetokens.token.transaction.proto.TxDecision.COMMIT,
      sim.payee.log.get(PAYEE).getSExo(), sim.payee.log.get(PAYEE).getRExo(), sim.now);
    var forged = Certificates.sign(body, fx.payeeKey);
    TxMessage m = TxMessage.newBuilder().setTxId(Sim.TX).setTimestampMs(sim.now).setSenderNode("node-p")
      .setSenderKey(com.google.protobuf.ByteString.copyFrom(fx.payerKey.publicKey()))
      .setCommitment(org.juicetokens.token.transaction.proto.Commitment.newBuilder().setCertificate(forged)).build();

    assertThat(sim.payee.engine.receive(m)).singleElement().isInstanceOf(TxEffect.Ignored.class);
    assertThat(sim.payee.engine.state(PAYEE)).contains(TxState.PREPARED);
  }

  @Test
  void an_unsound_plan_or_a_second_start_is_refused() {
    Sim sim = sim();
    TxPlan bad = fx.plan(payerTokens, 0, 0).toBuilder().setAmountHundredths(1).build();
    assertThatThrownBy(() -> sim.payer.engine.start(Sim.TX, bad)).isInstanceOfSatisfying(JuiceException.class,
      e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    sim.start(fx.plan(payerTokens, 0, 0));
    assertThatThrownBy(() -> sim.start(fx.plan(payerTokens, 0, 0))).isInstanceOfSatisfying(JuiceException.class,
      e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
  }
}
