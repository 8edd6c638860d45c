package org.juicetokens.lifecycle.egg;

import org.juicetokens.api.v1.FertilizeEggRequest;
import org.juicetokens.api.v1.Transfer;
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
  void exactly_one_proof_is_named() {
    ProofChecks.requireOne(FertilizeEggRequest.newBuilder().setTransactionId("t").build());
    ProofChecks.requireOne(FertilizeEggRequest.newBuilder().setAttestationId("a").build());
    assertThatThrownBy(() -> ProofChecks.requireOne(FertilizeEggRequest.getDefaultInstance())).hasMessageContaining("exactly one");
    assertThatThrownBy(() -> ProofChecks.requireOne(FertilizeEggRequest.newBuilder().setTransactionId("t").setAttestationId("a").build()))
      .hasMessageContaining("exactly one");
  }
}
