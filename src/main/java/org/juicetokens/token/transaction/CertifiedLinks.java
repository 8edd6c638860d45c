package org.juicetokens.token.transaction;

import org.juicetokens.token.proto.TelomereLink;
import org.juicetokens.token.telomere.CommitCheck;
import org.juicetokens.token.transaction.proto.Certificate;
import org.juicetokens.token.transaction.proto.TxDecision;

import java.util.Map;

/**
 * The telomere's {@link CommitCheck} over certificates fetched beforehand (PROTOCOL.md: a link is
 * only valid together with the commit certificate of its tx id). A link is committed when a COMMIT
 * certificate of its tx id is signed by the exchange's payer: the payer is the link's signer for
 * the tokens it paid (sExo) and the link's new owner for the change it received (rExo), so the
 * certificate must be signed by one of the link's two parties. Pure: no I/O, no clock.
 */
public final class CertifiedLinks implements CommitCheck {
  private final Map<String, Certificate> byTxId;

  private CertifiedLinks(Map<String, Certificate> byTxId) {
    this.byTxId = byTxId;
  }

  public static CertifiedLinks of(Map<String, Certificate> certificatesByTxId) {
    return new CertifiedLinks(Map.copyOf(certificatesByTxId));
  }

  @Override
  public boolean committed(String tokenId, TelomereLink link) {
    Certificate certificate = byTxId.get(link.getTxId());
    if (certificate == null) {
      return false;
    }
    return commitBy(certificate, link.getSignerPublicKey().toByteArray(), link.getTxId())
      || commitBy(certificate, link.getNewOwnerKey().toByteArray(), link.getTxId());
  }

  private static boolean commitBy(Certificate certificate, byte[] payerKey, String txId) {
    Certificates.Verdict verdict = Certificates.verify(certificate, payerKey, txId);
    return verdict.valid() && verdict.body().getDecision() == TxDecision.COMMIT;
  }
}
