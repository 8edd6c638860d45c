package org.juicetokens.token.transaction;

import org.juicetokens.crypto.Ed25519;
import org.juicetokens.token.proto.Telomere;
import org.juicetokens.token.telomere.FailureReason;
import org.juicetokens.token.telomere.TelomereFixture;
import org.juicetokens.token.telomere.TelomereVerification;
import org.juicetokens.token.telomere.Telomeres;
import org.juicetokens.token.telomere.VerifyOptions;
import org.juicetokens.token.transaction.proto.Certificate;
import org.juicetokens.token.transaction.proto.TxDecision;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The telomere's commit-certificate hook fed with real certificates: a signed but uncommitted link transfers nothing. */
class CertifiedLinksTest {
  private final TelomereFixture fixture = TelomereFixture.small();
  private final Telomere threeTransfers = fixture.after(3, TelomereFixture.TAIL);

  /** Transfer n (tx-n) was paid by the owner before it: its signer. */
  private Certificate commitOf(int transfer, TxDecision decision, Ed25519.PrivateKey signer) {
    return Certificates.sign(Certificates.body("tx-" + transfer, decision, null, null, 1_000 + transfer), signer);
  }

  private Map<String, Certificate> allCommitted() {
    Map<String, Certificate> certificates = new HashMap<>();
    for (int n = 1; n <= 3; n++) {
      certificates.put("tx-" + n, commitOf(n, TxDecision.COMMIT, fixture.ownerAfter(n - 1)));
    }
    return certificates;
  }

  private TelomereVerification verify(Map<String, Certificate> certificates) {
    return Telomeres.verify(TelomereFixture.TOKEN_ID, fixture.genesis, threeTransfers,
      VerifyOptions.of(TelomereFixture.TAIL).withIssuerKey(fixture.issuer.publicKey()).withCommitCheck(CertifiedLinks.of(certificates)));
  }

  @Test
  void links_with_their_payers_commit_certificates_verify() {
    assertThat(verify(allCommitted()).valid()).isTrue();
  }

  @Test
  void a_link_without_a_certificate_is_uncommitted() {
    Map<String, Certificate> certificates = allCommitted();
    certificates.remove("tx-2");

    TelomereVerification verdict = verify(certificates);

    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.reason()).isEqualTo(FailureReason.UNCOMMITTED_LINK);
  }

  @Test
  void an_abort_certificate_or_one_signed_by_a_stranger_commits_nothing() {
    Map<String, Certificate> aborted = allCommitted();
    aborted.put("tx-3", commitOf(3, TxDecision.ABORT, fixture.ownerAfter(2)));
    Map<String, Certificate> forged = allCommitted();
    forged.put("tx-1", commitOf(1, TxDecision.COMMIT, TelomereFixture.key(new Random(99))));

    assertThat(verify(aborted).reason()).isEqualTo(FailureReason.UNCOMMITTED_LINK);
    assertThat(verify(forged).reason()).isEqualTo(FailureReason.UNCOMMITTED_LINK);
  }

  @Test
  void change_returned_to_the_payer_is_committed_by_the_payers_certificate() {
    // in rExo the payee signs the link and the payer is its new owner: the payer's certificate commits it
    Map<String, Certificate> certificates = allCommitted();
    certificates.put("tx-2", commitOf(2, TxDecision.COMMIT, fixture.ownerAfter(2)));

    assertThat(verify(certificates).valid()).isTrue();
  }
}
