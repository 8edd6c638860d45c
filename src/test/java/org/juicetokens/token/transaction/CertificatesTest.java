package org.juicetokens.token.transaction;

import com.google.protobuf.ByteString;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.telomere.TelomereFixture;
import org.juicetokens.token.transaction.proto.Certificate;
import org.juicetokens.token.transaction.proto.CertificateBody;
import org.juicetokens.token.transaction.proto.Packet;
import org.juicetokens.token.transaction.proto.PacketKind;
import org.juicetokens.token.transaction.proto.TxDecision;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificatesTest {
  private final Random random = new Random(7);
  private final Ed25519.PrivateKey payer = TelomereFixture.key(random);
  private final Ed25519.PrivateKey other = TelomereFixture.key(random);
  private final Packet sExo = packet(PacketKind.S_EXO, "t-1", "t-2");
  private final Packet rExo = packet(PacketKind.R_EXO, "t-9");

  private static Packet packet(PacketKind kind, String... tokenIds) {
    Packet.Builder p = Packet.newBuilder().setTxId("tx-1").setKind(kind);
    for (String id : tokenIds) {
      p.addTokens(Token.newBuilder().setId(id).setDenomination(10));
    }
    return p.build();
  }

  private Certificate commit() {
    return Certificates.sign(Certificates.body("tx-1", TxDecision.COMMIT, sExo, rExo, 1_000), payer);
  }

  @Test
  void a_commit_certificate_verifies_for_its_payer_tx_and_packets() {
    Certificates.Verdict verdict = Certificates.verifyCommit(commit(), payer.publicKey(), "tx-1", sExo, rExo);

    assertThat(verdict.valid()).isTrue();
    assertThat(verdict.body().getDecision()).isEqualTo(TxDecision.COMMIT);
    assertThat(verdict.body().getTimestampMs()).isEqualTo(1_000);
  }

  @Test
  void an_exchange_without_change_hashes_the_absent_packet_as_empty() {
    Certificate noChange = Certificates.sign(Certificates.body("tx-1", TxDecision.COMMIT, sExo, null, 1_000), payer);

    assertThat(Certificates.verifyCommit(noChange, payer.publicKey(), "tx-1", sExo, null).valid()).isTrue();
    assertThat(Certificates.verifyCommit(noChange, payer.publicKey(), "tx-1", sExo, rExo).problem())
      .isEqualTo(Certificates.Problem.PACKET_MISMATCH);
  }

  @Test
  void another_signer_another_tx_other_packets_or_an_abort_are_each_refused() {
    assertThat(Certificates.verify(commit(), other.publicKey(), "tx-1").problem()).isEqualTo(Certificates.Problem.WRONG_SIGNER);
    assertThat(Certificates.verify(commit(), payer.publicKey(), "tx-2").problem()).isEqualTo(Certificates.Problem.WRONG_TX);
    assertThat(Certificates.verifyCommit(commit(), payer.publicKey(), "tx-1", packet(PacketKind.S_EXO, "t-1"), rExo).problem())
      .isEqualTo(Certificates.Problem.PACKET_MISMATCH);
    Certificate abort = Certificates.sign(Certificates.body("tx-1", TxDecision.ABORT, sExo, rExo, 1_000), payer);
    assertThat(Certificates.verify(abort, payer.publicKey(), "tx-1").valid()).isTrue();
    assertThat(Certificates.verifyCommit(abort, payer.publicKey(), "tx-1", sExo, rExo).problem())
      .isEqualTo(Certificates.Problem.WRONG_DECISION);
  }

  @Test
  void a_tampered_body_or_signature_and_a_signature_made_for_another_purpose_fail() {
    Certificate good = commit();
    CertificateBody body = Certificates.body("tx-1", TxDecision.COMMIT, sExo, rExo, 1_000);
    Certificate tamperedBody = good.toBuilder().setBody(body.toBuilder().setTimestampMs(2_000).build().toByteString()).build();
    byte[] signature = good.getSignature().toByteArray();
    signature[5] ^= 1;
    Certificate tamperedSignature = good.toBuilder().setSignature(ByteString.copyFrom(signature)).build();
    // the payer's signature over the bare body (without the domain label) is not a certificate
    Certificate bareBody = Certificates.of(body, payer.publicKey(), payer.sign(body.toByteArray()));

    assertThat(Certificates.verify(tamperedBody, payer.publicKey(), "tx-1").problem()).isEqualTo(Certificates.Problem.BAD_SIGNATURE);
    assertThat(Certificates.verify(tamperedSignature, payer.publicKey(), "tx-1").problem()).isEqualTo(Certificates.Problem.BAD_SIGNATURE);
    assertThat(Certificates.verify(bareBody, payer.publicKey(), "tx-1").problem()).isEqualTo(Certificates.Problem.BAD_SIGNATURE);
    assertThat(Certificates.verify(good.toBuilder().setBody(ByteString.copyFromUtf8("\u00ff\u00ff")).build(), payer.publicKey(), "tx-1")
      .problem()).isEqualTo(Certificates.Problem.MALFORMED);
  }

  @Test
  void a_certificate_must_name_a_tx_and_a_decision() {
    assertThatThrownBy(() -> Certificates.body("", TxDecision.COMMIT, sExo, null, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Certificates.body("tx", TxDecision.TX_DECISION_UNSPECIFIED, sExo, null, 1))
      .isInstanceOf(IllegalArgumentException.class);
  }
}
