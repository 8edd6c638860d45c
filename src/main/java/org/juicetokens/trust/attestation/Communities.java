package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.trust.attestation.proto.Community;
import org.juicetokens.trust.attestation.proto.CreateCommunityRequest;
import org.juicetokens.trust.attestation.proto.SignedCommunity;

import java.util.Collection;
import java.util.HashSet;

/**
 * The rules of community declarations, pure: what a founder may declare (2..max distinct members,
 * threshold 1..members) and the verification of a stored declaration against the founder's keys.
 */
public final class Communities {
  private Communities() {
  }

  public static final String UNKNOWN_FOUNDER = "unknown founder";

  /** Why the declaration is refused ("" when acceptable); the members' existence is checked by the caller. */
  public static String refusal(CreateCommunityRequest r, int maxMembers, int maxNameChars) {
    if (r.getName().isBlank() || r.getName().length() > maxNameChars) {
      return "name must be 1-" + maxNameChars + " characters (community.maxNameChars)";
    }
    int n = r.getMemberIdsCount();
    if (n < 2 || n > maxMembers) {
      return "a community has 2-" + maxMembers + " members (community.maxMembers), not " + n;
    }
    if (r.getMemberIdsList().stream().anyMatch(String::isBlank)) {
      return "member ids must not be blank";
    }
    if (new HashSet<>(r.getMemberIdsList()).size() != n) {
      return "member ids must be distinct";
    }
    if (r.getThreshold() < 1 || r.getThreshold() > n) {
      return "threshold must be 1-" + n + " (the member count), not " + r.getThreshold();
    }
    return "";
  }

  /** The declaration carried by {@code signed}, null when it does not decode. */
  public static Community decode(SignedCommunity signed) {
    try {
      return Community.parseFrom(signed.getCommunity());
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  /** The signature against the key the declaration carries (the DHT verifier's part). */
  public static boolean signatureVerifies(SignedCommunity signed) {
    return Ed25519.verify(signed.getPublicKey().toByteArray(), CommunityAttestations.communitySignedBytes(signed.getCommunity()),
      signed.getSignature().toByteArray());
  }

  /** The verdict on read: "" when valid. {@code founderKeys} null = founder unknown. */
  public static String verify(SignedCommunity signed, Collection<ByteString> founderKeys) {
    Community community = decode(signed);
    if (community == null || community.getId().isEmpty() || community.getThreshold() < 1
      || community.getThreshold() > community.getMemberIdsCount()) {
      return Attestations.MALFORMED;
    }
    if (!signatureVerifies(signed)) {
      return Attestations.BAD_SIGNATURE;
    }
    if (founderKeys == null) {
      return UNKNOWN_FOUNDER;
    }
    return founderKeys.contains(signed.getPublicKey()) ? "" : Attestations.BAD_SIGNATURE;
  }
}
