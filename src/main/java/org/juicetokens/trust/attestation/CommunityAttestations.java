package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.trust.attestation.proto.CommunityApproval;
import org.juicetokens.trust.attestation.proto.CommunityAttestation;
import org.juicetokens.trust.attestation.proto.CommunityStatement;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Community attestations, pure: a statement is valid once approvals from at least
 * {@code threshold} DISTINCT members verify. A second approval of the same member, an approval by
 * someone who is not a member, or one whose signature does not verify with that member's key does
 * not count.
 */
public final class CommunityAttestations {
  private CommunityAttestations() {
  }

  static final String APPROVAL_DOMAIN = "juicetokens/community-approval/v1\0";

  public static byte[] approvalSignedBytes(ByteString statement) {
    return Attestations.prefixed(APPROVAL_DOMAIN, statement);
  }

  public record Verdict(int distinctApprovals, int threshold, String reason) {
    public boolean valid() {
      return reason.isEmpty();
    }
  }

  /** {@code members}: member id → public key (the community's current members). */
  public static Verdict verify(CommunityAttestation community, Map<String, ByteString> members) {
    CommunityStatement statement;
    try {
      statement = CommunityStatement.parseFrom(community.getStatement());
    } catch (InvalidProtocolBufferException e) {
      return new Verdict(0, 0, Attestations.MALFORMED);
    }
    if (statement.getThreshold() < 1) {
      return new Verdict(0, statement.getThreshold(), Attestations.MALFORMED);
    }
    byte[] signed = approvalSignedBytes(community.getStatement());
    Set<String> approvers = new HashSet<>();
    for (CommunityApproval approval : community.getApprovalsList()) {
      ByteString key = members.get(approval.getMemberId());
      if (key != null && key.equals(approval.getPublicKey()) && !approvers.contains(approval.getMemberId())
        && Ed25519.verify(key.toByteArray(), signed, approval.getSignature().toByteArray())) {
        approvers.add(approval.getMemberId());
      }
    }
    String reason = approvers.size() >= statement.getThreshold() ? "" : "approvals below threshold";
    return new Verdict(approvers.size(), statement.getThreshold(), reason);
  }
}
