package org.juicetokens.trust.chain;

import com.google.protobuf.ByteString;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.trust.attestation.proto.AttestationEvent;
import org.juicetokens.token.transaction.proto.TxState;
import org.juicetokens.trust.chain.proto.ChainAppendRequest;
import org.juicetokens.trust.chain.proto.ChainEntryType;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which real events become chain entries: an identity created here → CREATED; a side of a transfer
 * that reached its final COMMITTED on this node → TOKENS_SENT for the payer (from_id) or
 * TOKENS_RECEIVED for the payee (to_id), payload = SHA-256(tx id, amount), deduplicated by the tx id
 * (a re-published or recovered event never appends twice).
 */
final class ChainEvents {
  private ChainEvents() {
  }

  static ChainAppendRequest created(IdentityView view) {
    String id = view.getDocument().getId();
    return ChainAppendRequest.newBuilder().setIdentityId(id).setType(ChainEntryType.CREATED)
      .setPayloadHash(ByteString.copyFrom(ChainEntries.createdPayload(id))).setDedupKey(ChainLog.CREATED_MARKER).build();
  }

  static Optional<ChainAppendRequest> transfer(TransferEvent event, String selfNodeId) {
    if (!event.getFinal() || event.getState() != TxState.COMMITTED || !event.getNodeId().equals(selfNodeId)) {
      return Optional.empty();
    }
    boolean payer = event.getRole() == TxRole.PAYER;
    if (!payer && event.getRole() != TxRole.PAYEE) {
      return Optional.empty();
    }
    String id = payer ? event.getFromId() : event.getToId();
    ChainEntryType type = payer ? ChainEntryType.TOKENS_SENT : ChainEntryType.TOKENS_RECEIVED;
    return Optional.of(ChainAppendRequest.newBuilder().setIdentityId(id).setType(type)
      .setPayloadHash(ByteString.copyFrom(ChainEntries.transferPayload(event.getTxId(), event.getAmountHundredths())))
      .setDedupKey("tx-" + event.getTxId().replace('/', '_')).build());
  }

  /**
   * A peer attestation created or revoked: ATTESTATION_GIVEN for the attester and ATTESTATION_RECEIVED
   * for the subject, each only on the node that homes that identity. A revocation is a second entry of
   * the same types with its own payload (the revocation's hash) and dedup key, so both events stay
   * on the chain; a re-announced event appends nothing (same dedup key).
   */
  static List<ChainAppendRequest> attestation(AttestationEvent event, String selfNodeId) {
    List<ChainAppendRequest> appends = new ArrayList<>();
    String dedup = (event.getRevoked() ? "attrev-" : "att-") + event.getAttestationId().replace('/', '_');
    if (event.getAttesterHomeNode().equals(selfNodeId)) {
      appends.add(ChainAppendRequest.newBuilder().setIdentityId(event.getAttesterId()).setType(ChainEntryType.ATTESTATION_GIVEN)
        .setPayloadHash(event.getPayloadHash()).setDedupKey(dedup).build());
    }
    if (event.getSubjectHomeNode().equals(selfNodeId)) {
      appends.add(ChainAppendRequest.newBuilder().setIdentityId(event.getSubjectId()).setType(ChainEntryType.ATTESTATION_RECEIVED)
        .setPayloadHash(event.getPayloadHash()).setDedupKey(dedup).build());
    }
    return appends;
  }
}
