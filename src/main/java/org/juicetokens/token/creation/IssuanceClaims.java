package org.juicetokens.token.creation;

import com.google.protobuf.ByteString;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.proto.IssuanceClaim;

/**
 * The issuance rule (PROTOCOL.md §Tokens): the first identity to mint under an issuance id claims
 * it, only the claimant mints more, and every mint takes the next {@code count} indices. Pure:
 * the DHT writes (IF_ABSENT for a claim, IF_VALUE_MATCHES for an advance) are the caller's.
 */
public final class IssuanceClaims {
  private IssuanceClaims() {
  }

  /** The indices a mint obtained: {@code first} to {@code first + count - 1}. */
  public record Range(long first, int count, boolean claimed) {
  }

  /** A new claim for the first mint under {@code issuanceId}: it takes indices 1..count. */
  public static IssuanceClaim first(String issuanceId, String issuerId, byte[] issuerKey, String homeNode, int count, long nowMs) {
    return IssuanceClaim.newBuilder()
      .setIssuanceId(issuanceId)
      .setIssuerId(issuerId)
      .setIssuerKey(ByteString.copyFrom(issuerKey))
      .setClaimedAtMs(nowMs)
      .setUpdatedAtMs(nowMs)
      .setHomeNode(homeNode)
      .setMinted(count)
      .build();
  }

  /**
   * The claim advanced by {@code count} for {@code issuerId}, carrying the issuer's current key (it
   * signs the entry; a rotated key replaces the old one); PERMISSION_DENIED when the issuance
   * belongs to someone else, INVALID_ARGUMENT when the index space would overflow.
   */
  public static IssuanceClaim advance(IssuanceClaim current, String issuerId, byte[] issuerKey, int count, long nowMs) {
    requireClaimant(current, issuerId);
    if (current.getMinted() > Long.MAX_VALUE / 2 - count) {
      throw JuiceException.invalidArgument("issuance " + current.getIssuanceId() + " has no indices left");
    }
    return current.toBuilder().setMinted(current.getMinted() + count).setIssuerKey(ByteString.copyFrom(issuerKey))
      .setUpdatedAtMs(nowMs).build();
  }

  public static void requireClaimant(IssuanceClaim claim, String issuerId) {
    if (!claim.getIssuerId().equals(issuerId)) {
      throw new JuiceException(ErrorCode.PERMISSION_DENIED, "issuance " + claim.getIssuanceId() + " belongs to " + claim.getIssuerId());
    }
  }

  /** The indices the write of {@code written} (over {@code before}, null for a claim) obtained. */
  public static Range range(IssuanceClaim before, IssuanceClaim written) {
    long previous = before == null ? 0 : before.getMinted();
    return new Range(previous + 1, (int) (written.getMinted() - previous), before == null);
  }
}
