package org.juicetokens.lifecycle.egg;

import org.juicetokens.api.v1.FertilizeEggRequest;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.transaction.proto.TxState;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.attestation.proto.PeerAttestation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProofChecksTest {
  static final Transfer COMMITTED = Transfer.newBuilder().setTxId("t1").setFromId("o").setToId("p").setState(TxState.COMMITTED).build();

  @Test
  void a_committed_transfer_the_owner_paid_or_received_proves_activity() {
    assertThat(ProofChecks.transfer(COMMITTED, "o")).isEqualTo("tx:t1");
    assertThat(ProofChecks.transfer(COMMITTED, "p")).isEqualTo("tx:t1");
    assertThatThrownBy(() -> ProofChecks.transfer(COMMITTED, "x")).hasMessageContaining("does not involve");
    assertThatThrownBy(() -> ProofChecks.transfer(COMMITTED.toBuilder().setState(TxState.ABORTED).build(), "o"))
      .hasMessageContaining("not COMMITTED");
  }

  @Test
  void a_valid_attestation_about_the_owner_proves_activity() {
    PeerAttestation about = PeerAttestation.newBuilder().setId("a1").setSubjectId("o").setAttesterId("m").build();
    AttestationView valid = AttestationView.newBuilder().setAttestation(about).setValid(true).build();
    assertThat(ProofChecks.attestation(about, valid, "o")).isEqualTo("attestation:a1");
    assertThatThrownBy(() -> ProofChecks.attestation(about, valid, "x")).hasMessageContaining("not about");
    assertThatThrownBy(() -> ProofChecks.attestation(about, valid.toBuilder().setValid(false).setReason("revoked").build(), "o"))
      .hasMessageContaining("revoked");
    assertThatThrownBy(() -> ProofChecks.attestation(about, null, "o")).hasMessageContaining("not valid");
  }

  @Test
  void a_proof_older_than_the_egg_beyond_the_tolerance_predates_it() {
    Transfer decided = COMMITTED.toBuilder().setDecidedAtMs(10_000).build();
    assertThat(ProofChecks.transfer(decided, "o", 10_000, 0)).isEqualTo("tx:t1");
    assertThat(ProofChecks.transfer(decided, "o", 14_000, 5_000)).as("within the tolerance").isEqualTo("tx:t1");
    assertThat(ProofChecks.transfer(decided, "o", 15_000, 5_000)).as("at the tolerance's edge").isEqualTo("tx:t1");
    assertThatThrownBy(() -> ProofChecks.transfer(decided, "o", 15_001, 5_000))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
      .hasMessageContaining("proof predates the egg");
    assertThatThrownBy(() -> ProofChecks.transfer(COMMITTED, "o", 10_000, 5_000)).as("no decision time: not new")
      .hasMessageContaining("proof predates the egg");
    assertThatThrownBy(() -> ProofChecks.transfer(decided, "x", 0, 5_000)).as("the owner is checked first").hasMessageContaining("does not involve");

    PeerAttestation about = PeerAttestation.newBuilder().setId("a1").setSubjectId("o").setCreatedAtMs(20_000).build();
    AttestationView valid = AttestationView.newBuilder().setAttestation(about).setValid(true).build();
    assertThat(ProofChecks.attestation(about, valid, "o", 20_000, 0)).isEqualTo("attestation:a1");
    assertThat(ProofChecks.attestation(about, valid, "o", 21_000, 5_000)).isEqualTo("attestation:a1");
    assertThatThrownBy(() -> ProofChecks.attestation(about, valid, "o", 20_001, 0))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
      .hasMessageContaining("proof predates the egg");
  }

  @Test
  void a_proof_is_named_and_marked_per_owner_kind_and_id() {
    assertThat(ProofChecks.named(FertilizeEggRequest.newBuilder().setTransactionId(" t9 ").build())).isEqualTo("tx:t9");
    assertThat(ProofChecks.named(FertilizeEggRequest.newBuilder().setAttestationId("a7").build())).isEqualTo("attestation:a7");
    assertThat(ProofChecks.markerKey("o", "tx:t9")).isEqualTo("proof/o/tx/t9");
    assertThat(ProofChecks.markerKey("o", "attestation:a7")).isEqualTo("proof/o/attestation/a7");
    assertThat(ProofChecks.markerKey("o", "tx:t9")).doesNotStartWith(EggBook.EGG_PREFIX);
  }

  @Test
  void exactly_one_proof_is_named() {
    ProofChecks.requireOne(FertilizeEggRequest.newBuilder().setTransactionId("t").build());
    ProofChecks.requireOne(FertilizeEggRequest.newBuilder().setAttestationId("a").build());
    assertThatThrownBy(() -> ProofChecks.requireOne(FertilizeEggRequest.getDefaultInstance())).hasMessageContaining("exactly one");
    assertThatThrownBy(() -> ProofChecks.requireOne(FertilizeEggRequest.newBuilder().setTransactionId("t").setAttestationId("a").build()))
      .hasMessageContaining("exactly one");
  }
}
