package org.juicetokens.token.telomere;

import com.google.protobuf.ByteString;
import org.juicetokens.api.v1.TokenHistory;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.crypto.Hashes;
import org.juicetokens.crypto.Hex;
import org.juicetokens.token.proto.SignedGenesis;
import org.juicetokens.token.proto.Telomere;
import org.juicetokens.token.proto.TelomereLink;
import org.juicetokens.token.proto.TelomereLinkSigned;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.juicetokens.token.telomere.TelomereFixture.TAIL;
import static org.juicetokens.token.telomere.TelomereFixture.TOKEN_ID;

class TelomeresTest {
  private final TelomereFixture f = TelomereFixture.small();

  @Test
  void a_fresh_genesis_telomere_verifies() {
    assertThat(f.verify(f.genesisTelomere, TAIL)).isEqualTo(TelomereVerification.ok());
  }

  @Test
  void a_transfer_appends_a_link_signed_by_the_previous_owner_and_moves_ownership() {
    Telomere t0 = f.genesisTelomere;
    Telomere t1 = f.next(t0, TAIL);

    TelomereLink link = t1.getTail(0);
    assertThat(t1.getTransfers()).isEqualTo(1);
    assertThat(t1.getOwnerKey().toByteArray()).isEqualTo(f.owners.get(1).publicKey());
    assertThat(t1.getPreviousOwnerHash().toByteArray()).isEqualTo(Hashes.sha256(f.owners.get(0).publicKey()));
    assertThat(link.getSignerPublicKey().toByteArray()).isEqualTo(f.owners.get(0).publicKey());
    assertThat(link.getPreviousHead()).isEqualTo(t0.getHead());
    assertThat(link.getTransferNumber()).isEqualTo(1);
    assertThat(t1.getTailBaseHead()).isEqualTo(t0.getHead());
    assertThat(t1.getHead().toByteArray())
      .isEqualTo(Hashes.sha256(t0.getHead().toByteArray(), link.toBuilder().clearSignature().build().toByteArray()));
    assertThat(Ed25519.verify(f.owners.get(0).publicKey(), Telomeres.signedBytes(TOKEN_ID, link), link.getSignature().toByteArray())).isTrue();
    assertThat(f.verify(t1, TAIL).valid()).isTrue();
  }

  @Test
  void links_beyond_the_tail_fold_into_the_compost_in_order() {
    List<Telomere> states = f.states(12, TAIL);
    Telomere t = states.get(12);
    TelomereLink first = states.get(1).getTail(0);
    TelomereLink second = states.get(2).getTail(1);

    assertThat(t.getTailCount()).isEqualTo(TAIL);
    assertThat(t.getComposted()).isEqualTo(2);
    assertThat(t.getCompost().toByteArray()).isEqualTo(Hashes.sha256(Hashes.sha256(first.toByteArray()), second.toByteArray()));
    assertThat(t.getTail(0).getTransferNumber()).isEqualTo(3);
    assertThat(t.getTailBaseHead()).isEqualTo(states.get(2).getHead());
    assertThat(f.verify(t, TAIL).valid()).isTrue();
  }

  @Test
  void the_empty_compost_is_zero_bytes_until_a_link_is_folded() {
    assertThat(f.after(TAIL, TAIL).getCompost().isEmpty()).isTrue();
    assertThat(f.after(TAIL + 1, TAIL).getCompost().size()).isEqualTo(32);
  }

  @Test
  void append_refuses_a_signer_who_is_not_the_owner() {
    Telomere t = f.genesisTelomere;
    Ed25519.PrivateKey mallory = f.owners.get(2);
    TelomereLinkSigned signed = Telomeres.linkToSign(TOKEN_ID, t, mallory.publicKey(), "tx-1", 1);

    assertThatThrownBy(() -> Telomeres.append(t, signed, mallory.publicKey(), mallory.sign(signed.toByteArray()), TAIL))
      .isInstanceOfSatisfying(JuiceException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(e.details()).containsEntry("reason", "WRONG_SIGNER");
      });
  }

  @Test
  void append_refuses_a_signature_by_another_key_than_the_claimed_owner() {
    Telomere t = f.genesisTelomere;
    TelomereLinkSigned signed = Telomeres.linkToSign(TOKEN_ID, t, f.owners.get(1).publicKey(), "tx-1", 1);

    assertThatThrownBy(() -> Telomeres.append(t, signed, f.owners.get(0).publicKey(), f.owners.get(2).sign(signed.toByteArray()), TAIL))
      .isInstanceOfSatisfying(JuiceException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(e.details()).containsEntry("reason", "BAD_LINK_SIGNATURE");
      });
    assertThatThrownBy(() -> Telomeres.append(t, signed, f.owners.get(0).publicKey(), null, TAIL))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
  }

  @Test
  void append_refuses_a_link_signed_against_a_stale_state() {
    Telomere t0 = f.genesisTelomere;
    Telomere t1 = f.next(t0, TAIL);
    Ed25519.PrivateKey owner1 = f.owners.get(1);
    TelomereLinkSigned stale = Telomeres.linkToSign(TOKEN_ID, t0, f.owners.get(2).publicKey(), "tx-2", 2);
    TelomereLinkSigned otherHead = stale.toBuilder().setTransferNumber(2).build();

    assertThatThrownBy(() -> Telomeres.append(t1, stale, owner1.publicKey(), owner1.sign(stale.toByteArray()), TAIL))
      .isInstanceOfSatisfying(JuiceException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(e.details()).containsEntry("reason", "TRANSFER_COUNT_MISMATCH");
      });
    assertThatThrownBy(() -> Telomeres.append(t1, otherHead, owner1.publicKey(), owner1.sign(otherHead.toByteArray()), TAIL))
      .isInstanceOfSatisfying(JuiceException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(e.details()).containsEntry("reason", "BROKEN_HEAD_CHAIN");
      });
  }

  @Test
  void link_to_sign_refuses_bad_keys_tx_ids_and_token_ids() {
    Telomere t = f.genesisTelomere;
    byte[] key = f.owners.get(1).publicKey();
    assertInvalid(() -> Telomeres.linkToSign(TOKEN_ID, t, new byte[31], "tx", 1));
    assertInvalid(() -> Telomeres.linkToSign(TOKEN_ID, t, null, "tx", 1));
    assertInvalid(() -> Telomeres.linkToSign(TOKEN_ID, t, key, "", 1));
    assertInvalid(() -> Telomeres.linkToSign(TOKEN_ID, t, key, "x".repeat(Telomeres.MAX_TX_ID_BYTES + 1), 1));
    assertInvalid(() -> Telomeres.linkToSign("", t, key, "tx", 1));
    assertThat(Telomeres.linkToSign(TOKEN_ID, t, key, "x".repeat(Telomeres.MAX_TX_ID_BYTES), 1).getTransferNumber()).isEqualTo(1);
  }

  @Test
  void append_refuses_a_tail_of_less_than_one_link() {
    Telomere t = f.genesisTelomere;
    assertInvalid(() -> Telomeres.transform(TOKEN_ID, t, f.owners.get(0), f.owners.get(1).publicKey(), "tx-1", 1, 0));
  }

  @Test
  void the_size_bound_is_exactly_the_largest_accepted_encoding() {
    byte[] k = new byte[32];
    TelomereLink link = TelomereLink.newBuilder()
      .setSignerPublicKey(ByteString.copyFrom(k)).setNewOwnerKey(ByteString.copyFrom(k)).setTxId("x".repeat(Telomeres.MAX_TX_ID_BYTES))
      .setTimestampMs(-1).setPreviousHead(ByteString.copyFrom(k)).setSignature(ByteString.copyFrom(new byte[64])).setTransferNumber(-1)
      .build();
    Telomere.Builder worst = Telomere.newBuilder()
      .setOwnerKey(ByteString.copyFrom(k)).setPreviousOwnerHash(ByteString.copyFrom(k)).setHead(ByteString.copyFrom(k))
      .setCompost(ByteString.copyFrom(k)).setTransfers(-1).setComposted(-1).setTailBaseHead(ByteString.copyFrom(k));
    for (int i = 0; i < TAIL; i++) {
      worst.addTail(link);
    }
    assertThat(worst.build().getSerializedSize()).isEqualTo(Telomeres.maxEncodedSize(TAIL)).isEqualTo(3432);
  }

  // ---- one test per verification failure ---------------------------------------------------

  @Test
  void a_wrong_sized_owner_key_is_malformed() {
    Telomere t = f.after(2, TAIL).toBuilder().setOwnerKey(ByteString.copyFrom(new byte[31])).build();
    assertThat(f.verify(t, TAIL).reason()).isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void undecodable_telomere_bytes_are_malformed() {
    assertThat(Telomeres.verifyEncoded(TOKEN_ID, f.genesis, new byte[] {(byte) 0xff, 0x01}, VerifyOptions.of(TAIL)).reason())
      .isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void a_transferred_token_without_retained_links_is_malformed() {
    Telomere t = f.after(3, TAIL).toBuilder().clearTail().build();
    assertThat(f.verify(t, TAIL).reason()).isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void a_link_with_an_overlong_tx_id_is_malformed() {
    Telomere t = f.after(2, TAIL);
    t = t.toBuilder().setTail(1, t.getTail(1).toBuilder().setTxId("x".repeat(Telomeres.MAX_TX_ID_BYTES + 1))).build();
    TelomereVerification v = f.verify(t, TAIL);
    assertThat(v.reason()).isEqualTo(FailureReason.MALFORMED);
    assertThat(v.failedLink()).isEqualTo(1);
  }

  @Test
  void a_forged_genesis_signature_is_detected() {
    SignedGenesis forged = f.genesis.toBuilder().setSignature(ByteString.copyFrom(f.owners.get(0).sign(f.genesis.getRecord().toByteArray())))
      .build();
    assertThat(Telomeres.verify(TOKEN_ID, forged, f.after(1, TAIL), VerifyOptions.of(TAIL)).reason())
      .isEqualTo(FailureReason.BAD_GENESIS_SIGNATURE);
  }

  @Test
  void a_genesis_by_another_issuer_than_expected_is_detected() {
    VerifyOptions options = VerifyOptions.of(TAIL).withIssuerKey(f.owners.get(3).publicKey());
    assertThat(Telomeres.verify(TOKEN_ID, f.genesis, f.after(1, TAIL), options).reason()).isEqualTo(FailureReason.BAD_GENESIS_SIGNATURE);
  }

  @Test
  void a_genesis_of_another_token_is_a_genesis_mismatch() {
    SignedGenesis other = TelomereFixture.signedGenesis("89c25-TEST-5-002", f.issuer, f.owners.get(0));
    assertThat(Telomeres.verify(TOKEN_ID, other, f.after(1, TAIL), VerifyOptions.of(TAIL)).reason())
      .isEqualTo(FailureReason.GENESIS_MISMATCH);
  }

  @Test
  void a_telomere_grown_from_another_genesis_is_a_genesis_mismatch() {
    SignedGenesis regenerated = TelomereFixture.signedGenesis(TOKEN_ID, f.issuer, f.owners.get(1));
    assertThat(Telomeres.verify(TOKEN_ID, regenerated, f.after(0, TAIL), VerifyOptions.of(TAIL)).reason())
      .isEqualTo(FailureReason.GENESIS_MISMATCH);
    assertThat(Telomeres.verify(TOKEN_ID, regenerated, f.after(3, TAIL), VerifyOptions.of(TAIL)).reason())
      .isEqualTo(FailureReason.GENESIS_MISMATCH);
  }

  @Test
  void a_first_link_not_signed_by_the_genesis_owner_is_a_wrong_signer() {
    Ed25519.PrivateKey mallory = f.owners.get(3);
    Telomere claimed = f.genesisTelomere.toBuilder().setOwnerKey(ByteString.copyFrom(mallory.publicKey())).build();
    Telomere t = Telomeres.transform(TOKEN_ID, claimed, mallory, mallory.publicKey(), "tx-1", 1, TAIL);
    TelomereVerification v = f.verify(t, TAIL);
    assertThat(v.reason()).isEqualTo(FailureReason.WRONG_SIGNER);
    assertThat(v.failedLink()).isZero();
  }

  @Test
  void a_link_signed_by_someone_who_no_longer_owns_the_token_is_a_wrong_signer() {
    Telomere t2 = f.after(2, TAIL);
    Ed25519.PrivateKey former = f.owners.get(0);
    Telomere claimed = t2.toBuilder().setOwnerKey(ByteString.copyFrom(former.publicKey())).build();
    Telomere t3 = Telomeres.transform(TOKEN_ID, claimed, former, former.publicKey(), "tx-3", 3, TAIL);
    TelomereVerification v = f.verify(t3, TAIL);
    assertThat(v.reason()).isEqualTo(FailureReason.WRONG_SIGNER);
    assertThat(v.failedLink()).isEqualTo(2);
  }

  @Test
  void a_bad_link_signature_is_detected() {
    Telomere t = f.after(3, TAIL);
    byte[] sig = t.getTail(1).getSignature().toByteArray();
    sig[5] ^= 1;
    t = t.toBuilder().setTail(1, t.getTail(1).toBuilder().setSignature(ByteString.copyFrom(sig))).build();
    TelomereVerification v = f.verify(t, TAIL);
    assertThat(v.reason()).isEqualTo(FailureReason.BAD_LINK_SIGNATURE);
    assertThat(v.failedLink()).isEqualTo(1);
  }

  @Test
  void swapped_links_break_the_head_chain() {
    Telomere t = f.after(4, TAIL);
    t = t.toBuilder().setTail(1, t.getTail(2)).setTail(2, t.getTail(1)).build();
    assertThat(f.verify(t, TAIL).reason()).isEqualTo(FailureReason.BROKEN_HEAD_CHAIN);
  }

  @Test
  void a_replaced_head_is_a_head_mismatch() {
    Telomere t = f.after(4, TAIL).toBuilder().setHead(ByteString.copyFrom(new byte[32])).build();
    assertThat(f.verify(t, TAIL).reason()).isEqualTo(FailureReason.HEAD_MISMATCH);
  }

  @Test
  void a_miscounted_transfer_total_is_detected() {
    Telomere t = f.after(4, TAIL);
    assertThat(f.verify(t.toBuilder().setTransfers(5).build(), TAIL).reason()).isEqualTo(FailureReason.TRANSFER_COUNT_MISMATCH);
    Telomere composted = f.after(12, TAIL);
    assertThat(f.verify(composted.toBuilder().setComposted(3).build(), TAIL).reason())
      .isEqualTo(FailureReason.TRANSFER_COUNT_MISMATCH);
  }

  @Test
  void an_owner_other_than_the_newest_links_is_an_owner_mismatch() {
    Telomere t = f.after(4, TAIL);
    assertThat(f.verify(t.toBuilder().setOwnerKey(ByteString.copyFrom(f.owners.get(3).publicKey())).build(), TAIL).reason())
      .isEqualTo(FailureReason.OWNER_MISMATCH);
    assertThat(f.verify(t.toBuilder().setPreviousOwnerHash(ByteString.copyFrom(new byte[32])).build(), TAIL).reason())
      .isEqualTo(FailureReason.OWNER_MISMATCH);
    assertThat(f.verify(f.genesisTelomere.toBuilder().setPreviousOwnerHash(ByteString.copyFrom(new byte[32])).build(), TAIL).reason())
      .isEqualTo(FailureReason.OWNER_MISMATCH);
  }

  @Test
  void an_owner_other_than_the_expected_one_is_an_owner_mismatch() {
    Telomere t = f.after(4, TAIL);
    VerifyOptions expectOwner0 = VerifyOptions.of(TAIL).withExpectedOwner(f.owners.get(0).publicKey());
    VerifyOptions expectOwner3 = VerifyOptions.of(TAIL).withExpectedOwner(f.owners.get(3).publicKey());
    assertThat(Telomeres.verify(TOKEN_ID, f.genesis, t, expectOwner0).valid()).isTrue();
    assertThat(Telomeres.verify(TOKEN_ID, f.genesis, t, expectOwner3).reason()).isEqualTo(FailureReason.OWNER_MISMATCH);
  }

  @Test
  void a_compost_without_composted_links_is_a_compost_mismatch() {
    Telomere t = f.after(4, TAIL).toBuilder().setCompost(ByteString.copyFrom(new byte[32])).build();
    assertThat(f.verify(t, TAIL).reason()).isEqualTo(FailureReason.COMPOST_MISMATCH);
    Telomere composted = f.after(11, TAIL).toBuilder().clearCompost().build();
    assertThat(f.verify(composted, TAIL).reason()).isEqualTo(FailureReason.COMPOST_MISMATCH);
  }

  @Test
  void a_tail_longer_than_the_setting_is_too_long() {
    Telomere t = f.after(6, TAIL);
    assertThat(f.verify(t, 5).reason()).isEqualTo(FailureReason.TAIL_TOO_LONG);
  }

  @Test
  void an_older_state_than_the_index_is_a_replay() {
    List<Telomere> states = f.states(5, TAIL);
    VerifyOptions indexedAt5 = VerifyOptions.of(TAIL).withIndex(5, states.get(5).getHead().toByteArray());
    assertThat(Telomeres.verify(TOKEN_ID, f.genesis, states.get(3), indexedAt5).reason()).isEqualTo(FailureReason.REPLAY);
    assertThat(Telomeres.verify(TOKEN_ID, f.genesis, states.get(5), indexedAt5).valid()).isTrue();
  }

  @Test
  void a_fork_at_the_indexed_transfer_number_is_an_index_mismatch() {
    Telomere t2 = f.after(2, TAIL);
    Telomere forkA = Telomeres.transform(TOKEN_ID, t2, f.owners.get(2), f.owners.get(3).publicKey(), "tx-a", 3, TAIL);
    Telomere forkB = Telomeres.transform(TOKEN_ID, t2, f.owners.get(2), f.owners.get(0).publicKey(), "tx-b", 3, TAIL);
    VerifyOptions indexedA = VerifyOptions.of(TAIL).withIndex(3, forkA.getHead().toByteArray());
    assertThat(Telomeres.verify(TOKEN_ID, f.genesis, forkB, indexedA).reason()).isEqualTo(FailureReason.INDEX_MISMATCH);
    assertThat(Telomeres.verify(TOKEN_ID, f.genesis, forkA, indexedA).valid()).isTrue();
  }

  @Test
  void a_link_without_commit_certificate_is_uncommitted() {
    Telomere t = f.after(4, TAIL);
    VerifyOptions options = VerifyOptions.of(TAIL).withCommitCheck((token, link) -> !link.getTxId().equals("tx-3"));
    TelomereVerification v = Telomeres.verify(TOKEN_ID, f.genesis, t, options);
    assertThat(v.reason()).isEqualTo(FailureReason.UNCOMMITTED_LINK);
    assertThat(v.failedLink()).isEqualTo(2);
  }

  // ---- history ---------------------------------------------------------------------------

  @Test
  void history_lists_the_genesis_then_every_retained_link_with_its_head() {
    List<Telomere> states = f.states(12, TAIL);
    Telomere t = states.get(12);
    List<HistoryStep> history = Telomeres.history(TOKEN_ID, f.genesis, t);

    assertThat(history).hasSize(11);
    HistoryStep genesis = history.get(0);
    assertThat(genesis.transferNumber()).isZero();
    assertThat(genesis.signerKey()).isEqualTo(f.issuer.publicKey());
    assertThat(genesis.ownerKey()).isEqualTo(f.owners.get(0).publicKey());
    assertThat(genesis.headAfter()).isEqualTo(f.genesisTelomere.getHead().toByteArray());
    assertThat(genesis.signatureValid()).isTrue();
    for (int i = 1; i < history.size(); i++) {
      HistoryStep step = history.get(i);
      long n = i + 2;
      assertThat(step.transferNumber()).isEqualTo(n);
      assertThat(step.headAfter()).isEqualTo(states.get((int) n).getHead().toByteArray());
      assertThat(step.ownerKey()).isEqualTo(f.ownerAfter(n).publicKey());
      assertThat(step.signerKey()).isEqualTo(f.ownerAfter(n - 1).publicKey());
      assertThat(step.txId()).isEqualTo("tx-" + n);
      assertThat(step.signatureValid()).isTrue();
    }
  }

  @Test
  void history_marks_a_bad_signature_and_the_api_form_reports_the_failure() {
    Telomere t = f.after(3, TAIL);
    t = t.toBuilder().setTail(2, t.getTail(2).toBuilder().setSignature(ByteString.copyFrom(new byte[64]))).build();

    assertThat(Telomeres.history(TOKEN_ID, f.genesis, t).get(3).signatureValid()).isFalse();
    TokenHistory api = TokenHistories.of(TOKEN_ID, f.genesis, t, VerifyOptions.of(TAIL));
    assertThat(api.getValid()).isFalse();
    assertThat(api.getFailure()).startsWith("BAD_LINK_SIGNATURE");
    assertThat(api.getEntries(3).getSignatureValid()).isFalse();
    assertThat(api.getEntries(3).getOwnerKey()).isEqualTo(Hex.of(f.ownerAfter(3).publicKey()));
  }

  @Test
  void the_api_history_of_a_composted_token_counts_what_it_no_longer_lists() {
    Telomere t = f.after(13, TAIL);
    TokenHistory api = TokenHistories.of(TOKEN_ID, f.genesis, t, VerifyOptions.of(TAIL));
    assertThat(api.getValid()).isTrue();
    assertThat(api.getFailure()).isEmpty();
    assertThat(api.getTransfers()).isEqualTo(13);
    assertThat(api.getComposted()).isEqualTo(3);
    assertThat(api.getCompost()).isEqualTo(Hex.of(t.getCompost().toByteArray()));
    assertThat(api.getEntriesCount()).isEqualTo(11);
    assertThat(api.getEntries(10).getHead()).isEqualTo(Hex.of(t.getHead().toByteArray()));
  }

  @Test
  void history_of_an_undecodable_genesis_still_lists_the_links() {
    SignedGenesis junk = SignedGenesis.newBuilder().setRecord(ByteString.copyFrom(new byte[] {(byte) 0xff})).build();
    List<HistoryStep> history = Telomeres.history(TOKEN_ID, junk, f.after(2, TAIL));
    assertThat(history).hasSize(3);
    assertThat(history.get(0).signatureValid()).isFalse();
  }

  @Test
  void keys_generated_from_the_same_seed_build_the_same_telomere() {
    assertThat(new TelomereFixture(7, 3).after(3, TAIL)).isEqualTo(new TelomereFixture(7, 3).after(3, TAIL));
    assertThat(TelomereFixture.key(new Random(1)).publicKey()).isEqualTo(TelomereFixture.key(new Random(1)).publicKey());
  }

  private static void assertInvalid(Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }
}
