package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.trust.attestation.proto.CommunityApproval;
import org.juicetokens.trust.attestation.proto.CommunityAttestation;
import org.juicetokens.trust.attestation.proto.CommunityStatement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Community attestations, pure: a statement is valid once approvals from at least
 * {@code threshold} DISTINCT members verify. A second approval of the same member, an approval by
 * someone who is not a member, by the statement's subject (nobody vouches for itself), or one whose
 * key is not in that member's identity document or whose signature does not verify, does not count.
 */
public final class CommunityAttestations {
  private CommunityAttestations() {
  }

  static final String APPROVAL_DOMAIN = "juicetokens/community-approval/v1\0";
  static final String COMMUNITY_DOMAIN = "juicetokens/community/v1\0";
  public static final String UNKNOWN_COMMUNITY = "unknown community";
  public static final String BELOW_THRESHOLD = "approvals below threshold";

  public static byte[] approvalSignedBytes(ByteString statement) {
    return Attestations.prefixed(APPROVAL_DOMAIN, statement);
  }

  /** What a founder signs: the community declaration's bytes, domain-separated. */
  public static byte[] communitySignedBytes(ByteString community) {
    return Attestations.prefixed(COMMUNITY_DOMAIN, community);
  }

  /** {@code approvers}: the members whose approval counts, in approval order. */
  public record Verdict(int distinctApprovals, int threshold, String reason, List<String> approvers) {
    public boolean valid() {
      return reason.isEmpty();
    }
  }

  /** {@code members}: member id → public key (one key per member). */
  public static Verdict verify(CommunityAttestation community, Map<String, ByteString> members) {
    Map<String, Collection<ByteString>> keys = new HashMap<>();
    members.forEach((id, key) -> keys.put(id, List.of(key)));
    return verifyAgainst(community, keys);
  }

  /**
   * {@code members}: member id → every public key its identity document lists (a key that was
   * active when the member approved stays valid after a rotation).
   */
  public static Verdict verifyAgainst(CommunityAttestation community, Map<String, ? extends Collection<ByteString>> members) {
    CommunityStatement statement;
    try {
      statement = CommunityStatement.parseFrom(community.getStatement());
    } catch (InvalidProtocolBufferException e) {
      return new Verdict(0, 0, Attestations.MALFORMED, List.of());
    }
    if (statement.getThreshold() < 1) {
      return new Verdict(0, statement.getThreshold(), Attestations.MALFORMED, List.of());
    }
    byte[] signed = approvalSignedBytes(community.getStatement());
    Set<String> approvers = new LinkedHashSet<>();
    boolean forged = false;
    for (CommunityApproval approval : community.getApprovalsList()) {
      Collection<ByteString> keys = members.get(approval.getMemberId());
      if (keys == null || approval.getMemberId().equals(statement.getSubjectId()) || approvers.contains(approval.getMemberId())) {
        continue;
      }
      if (keys.contains(approval.getPublicKey())
        && Ed25519.verify(approval.getPublicKey().toByteArray(), signed, approval.getSignature().toByteArray())) {
        approvers.add(approval.getMemberId());
      } else {
        forged = true;
      }
    }
    int k = approvers.size();
    String reason = k >= statement.getThreshold() ? ""
      : forged ? Attestations.BAD_SIGNATURE
      : BELOW_THRESHOLD + " (" + k + " of " + statement.getThreshold() + ")";
    return new Verdict(k, statement.getThreshold(), reason, new ArrayList<>(approvers));
  }

  /** Whether {@code memberId} already has an approval in the record (counted or not: a second one is never added). */
  public static boolean hasApproved(CommunityAttestation community, String memberId) {
    return community.getApprovalsList().stream().anyMatch(a -> a.getMemberId().equals(memberId));
  }
}
