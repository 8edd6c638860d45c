package org.juicetokens.token.transaction;

import org.juicetokens.token.proto.Token;
import org.juicetokens.token.telomere.Telomeres;
import org.juicetokens.token.transaction.proto.Packet;
import org.juicetokens.token.transaction.proto.PacketKind;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TelomerePacketVerifierTest {
  private final ExchangeFixture fx = new ExchangeFixture(5);
  private final TelomerePacketVerifier verifier = new TelomerePacketVerifier(10, null);
  private final byte[] p = fx.payerKey.publicKey();
  private final byte[] r = fx.payeeKey.publicKey();

  private Token sent(Token token, byte[] to, String txId) {
    return token.toBuilder().setTelomere(Telomeres.transform(token.getId(), token.getTelomere(), fx.payerKey, to, txId, 5, 10)).build();
  }

  private static Packet packet(Token... tokens) {
    return Packet.newBuilder().setTxId("tx-1").setKind(PacketKind.S_EXO).addAllTokens(java.util.List.of(tokens)).build();
  }

  @Test
  void tokens_with_a_link_of_this_tx_from_the_sender_to_us_pass() {
    assertThat(verifier.problem(packet(sent(fx.payerTokens(10).get(0), r, "tx-1")), "tx-1", p, r)).isNull();
  }

  @Test
  void a_link_to_someone_else_of_another_tx_or_no_link_at_all_is_refused() {
    Token token = fx.payerTokens(10).get(0);
    byte[] stranger = org.juicetokens.token.telomere.TelomereFixture.key(new Random(9)).publicKey();

    assertThat(verifier.problem(packet(sent(token, stranger, "tx-1")), "tx-1", p, r)).contains("OWNER_MISMATCH");
    assertThat(verifier.problem(packet(sent(token, r, "tx-2")), "tx-1", p, r)).contains("newest link is of tx tx-2");
    assertThat(verifier.problem(packet(token), "tx-1", p, r)).contains("OWNER_MISMATCH");
    assertThat(verifier.problem(packet(sent(token, r, "tx-1")), "tx-1", r, r)).contains("not signed by the sender");
  }

  @Test
  void a_wissel_a_duplicate_or_a_denomination_its_genesis_does_not_give_is_refused() {
    Token good = sent(fx.payerTokens(10).get(0), r, "tx-1");

    assertThat(verifier.problem(packet(good.toBuilder().setWissel(true).build()), "tx-1", p, r)).contains("wissel");
    assertThat(verifier.problem(packet(good, good), "tx-1", p, r)).contains("twice");
    assertThat(verifier.problem(packet(good.toBuilder().setDenomination(500).build()), "tx-1", p, r)).contains("denomination");
  }

  @Test
  void earlier_links_are_asked_of_the_commit_check() {
    Token once = sent(fx.payerTokens(10).get(0), p, "tx-0");   // an earlier (self-)transfer in tx-0
    Token twice = sent(once, r, "tx-1");

    assertThat(new TelomerePacketVerifier(10, (id, link) -> false).problem(packet(twice), "tx-1", p, r)).contains("UNCOMMITTED_LINK");
    assertThat(new TelomerePacketVerifier(10, (id, link) -> true).problem(packet(twice), "tx-1", p, r)).isNull();
  }
}
