package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.trust.attestation.proto.Community;
import org.juicetokens.trust.attestation.proto.CommunityApproval;
import org.juicetokens.trust.attestation.proto.CommunityAttestation;
import org.juicetokens.trust.attestation.proto.CommunityStatement;
import org.juicetokens.trust.attestation.proto.SignedCommunity;

/**
 * The DHT verifiers (registered signed-only) of {@code jt.communities} and
 * {@code jt.communityAttestations}. A community entry: a SignedCommunity under its id, signed (as
 * entry and as declaration) by its founder with the same key. A community attestation entry: a
 * CommunityAttestation under its statement id, every approval's signature verifying with the key it
 * names, and the entry signed by one of the approvers with that approver's key. Whether the keys
 * are the identities' is checked on read against their documents. Pure, never throw.
 */
final class CommunityEntryVerifiers {
  private CommunityEntryVerifiers() {
  }

  static DhtEntryVerifier communities() {
    return (map, key, entry) -> {
      SignedCommunity signed;
      try {
        signed = SignedCommunity.parseFrom(entry.getValue());
      } catch (InvalidProtocolBufferException e) {
        return false;
      }
      Community community = Communities.decode(signed);
      return community != null && community.getId().equals(key) && community.getFounderId().equals(entry.getSignerId())
        && signed.getPublicKey().equals(entry.getSignerPublicKey()) && Communities.signatureVerifies(signed) && entrySigned(map, key, entry);
    };
  }

  static DhtEntryVerifier attestations() {
    return (map, key, entry) -> {
      CommunityAttestation record;
      CommunityStatement statement;
      try {
        record = CommunityAttestation.parseFrom(entry.getValue());
        statement = CommunityStatement.parseFrom(record.getStatement());
      } catch (InvalidProtocolBufferException e) {
        return false;
      }
      if (!statement.getId().equals(key) || record.getApprovalsCount() == 0) {
        return false;
      }
      byte[] signed = CommunityAttestations.approvalSignedBytes(record.getStatement());
      boolean signerApproved = false;
      for (CommunityApproval approval : record.getApprovalsList()) {
        if (!Ed25519.verify(approval.getPublicKey().toByteArray(), signed, approval.getSignature().toByteArray())) {
          return false;
        }
        signerApproved |= approval.getMemberId().equals(entry.getSignerId()) && approval.getPublicKey().equals(entry.getSignerPublicKey());
      }
      return signerApproved && entrySigned(map, key, entry);
    };
  }

  private static boolean entrySigned(String map, String key, DhtEntry entry) {
    ByteString signer = entry.getSignerPublicKey();
    return Ed25519.verify(signer.toByteArray(), DhtEntryVerifier.signedBytes(map, key, entry), entry.getSignature().toByteArray());
  }
}
