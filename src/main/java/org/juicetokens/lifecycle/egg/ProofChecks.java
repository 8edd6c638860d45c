package org.juicetokens.lifecycle.egg;

import org.juicetokens.api.v1.FertilizeEggRequest;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.transaction.proto.TxState;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.attestation.proto.PeerAttestation;

/**
 * Proofs of activity that fertilize an egg (PROTOCOL.md §Lifecycle): a committed transfer the
 * owner paid or received, or a valid attestation about the owner, either NEW: decided (transfer) or
 * created (attestation) after the egg's batch was generated, give or take a clock tolerance (the
 * transfer's time is consensus time, the egg's its home node's). Finding the proof is the caller's
 * (NOT_FOUND when it does not exist); these checks say whether what was found involves the owner
 * and is new (INVALID_ARGUMENT otherwise). That a proof fertilizes one egg only is the store's
 * (a marker per proof, see {@link #markerKey}). Pure.
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

  /** The proof a request names, as an egg records it: "tx:<id>" or "attestation:<id>" (call {@link #requireOne} first). */
  public static String named(FertilizeEggRequest request) {
    return request.getTransactionId().isBlank() ? "attestation:" + request.getAttestationId().trim()
      : "tx:" + request.getTransactionId().trim();
  }

  /** The EGGS-family key recording which egg of {@code ownerId} a proof ("tx:<id>" / "attestation:<id>") fertilized. */
  public static String markerKey(String ownerId, String proof) {
    int colon = proof.indexOf(':');
    return "proof/" + ownerId + "/" + proof.substring(0, colon) + "/" + proof.substring(colon + 1);
  }

  /**
   * A proof made at {@code proofAtMs} is new for an egg generated at {@code generatedAtMs} when it is
   * not earlier than the generation less {@code toleranceMs}; INVALID_ARGUMENT "proof predates the egg" otherwise.
   */
  public static void requireNew(String proof, long proofAtMs, long generatedAtMs, long toleranceMs) {
    if (proofAtMs < generatedAtMs - toleranceMs) {
      throw JuiceException.invalidArgument("proof predates the egg: " + proof + " dates from " + proofAtMs
        + ", the egg was generated at " + generatedAtMs + " (tolerance " + toleranceMs + " ms)");
    }
  }

  /**
   * A transfer proves new activity of {@code ownerId} when it COMMITTED with the owner as payer or
   * payee, decided not before the egg's generation (less the tolerance).
   */
  public static String transfer(Transfer transfer, String ownerId, long generatedAtMs, long toleranceMs) {
    String proof = transfer(transfer, ownerId);
    requireNew(proof, transfer.getDecidedAtMs(), generatedAtMs, toleranceMs);
    return proof;
  }

  /**
   * An attestation proves new activity of {@code ownerId} when it is about the owner, valid now and
   * created not before the egg's generation (less the tolerance).
   */
  public static String attestation(PeerAttestation attestation, AttestationView view, String ownerId, long generatedAtMs, long toleranceMs) {
    String proof = attestation(attestation, view, ownerId);
    requireNew(proof, attestation.getCreatedAtMs(), generatedAtMs, toleranceMs);
    return proof;
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
