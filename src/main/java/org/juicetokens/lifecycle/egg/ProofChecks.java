package org.juicetokens.lifecycle.egg;

import org.juicetokens.api.v1.FertilizeEggRequest;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.transaction.proto.TxState;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.attestation.proto.PeerAttestation;

/**
 * Proofs of activity that fertilize an egg (PROTOCOL.md §Lifecycle): a committed transfer the
 * owner paid or received, or a valid attestation about the owner. Finding the proof is the
 * caller's (NOT_FOUND when it does not exist); these checks say whether what was found involves
 * the owner (INVALID_ARGUMENT otherwise). Pure.
 */
public final class ProofChecks {
  private ProofChecks() {
  }

  /** Exactly one proof must be named. */
  public static void requireOne(FertilizeEggRequest request) {
    boolean tx = !request.getTransactionId().isBlank();
    boolean attestation = !request.getAttestationId().isBlank();
    if (tx == attestation) {
      throw JuiceException.invalidArgument("name exactly one proof of activity: transactionId or attestationId");
    }
  }

  /** A transfer proves activity of {@code ownerId} when it COMMITTED with the owner as payer or payee. */
  public static String transfer(Transfer transfer, String ownerId) {
    if (!ownerId.equals(transfer.getFromId()) && !ownerId.equals(transfer.getToId())) {
      throw JuiceException.invalidArgument("transaction " + transfer.getTxId() + " does not involve the egg's owner " + ownerId);
    }
    if (transfer.getState() != TxState.COMMITTED) {
      throw JuiceException.invalidArgument("transaction " + transfer.getTxId() + " is " + transfer.getState() + ", not COMMITTED");
    }
    return "tx:" + transfer.getTxId();
  }

  /** An attestation proves activity of {@code ownerId} when the owner is its subject and it is valid now. */
  public static String attestation(PeerAttestation attestation, AttestationView view, String ownerId) {
    if (!ownerId.equals(attestation.getSubjectId())) {
      throw JuiceException.invalidArgument("attestation " + attestation.getId() + " is not about the egg's owner " + ownerId);
    }
    if (view == null || !view.getValid()) {
      throw JuiceException.invalidArgument("attestation " + attestation.getId() + " is not valid"
        + (view == null ? "" : ": " + view.getReason()));
    }
    return "attestation:" + attestation.getId();
  }
}
