package org.juicetokens.token.telomere;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.crypto.Hashes;
import org.juicetokens.token.proto.GenesisRecord;
import org.juicetokens.token.proto.RenewalLink;
import org.juicetokens.token.proto.RenewalLinkSigned;
import org.juicetokens.token.proto.Telomere;
import org.juicetokens.token.proto.Token;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The renewal transformation (PROTOCOL.md §Lifecycle): the owner signs, domain-separated, the token
 * it renews at its current telomere head (transfer count and compost included), the new expiry and
 * who asked; the link travels inside the replacement's issuer-signed genesis record, so the
 * replacement's first telomere head (SHA-256 of that record) commits to the old token's whole
 * history: the telomere is carried over as a hash chain, while the replacement verifies as an
 * ordinary token everywhere. Pure.
 */
public final class RenewalLinks {
  /** Prefixed to the signed bytes, so a renewal signature is never valid as anything else. */
  static final byte[] DOMAIN = "JT-RENEWAL-v1".getBytes(StandardCharsets.US_ASCII);

  private RenewalLinks() {
  }

  /** What the owner renews: {@code old} at its current head, into a token expiring at {@code newExpiresAtMs}. */
  public static RenewalLinkSigned toSign(String renewalId, Token old, byte[] ownerKey, String requesterId, String facilitatorId,
                                         long newExpiresAtMs, long renewedAtMs) {
    Telomere t = old.getTelomere();
    return RenewalLinkSigned.newBuilder().setRenewalId(renewalId).setOldTokenId(old.getId()).setOldHead(t.getHead())
      .setOldTransfers(t.getTransfers()).setOldCompost(t.getCompost()).setOwnerKey(ByteString.copyFrom(ownerKey))
      .setRequesterId(requesterId).setFacilitatorId(facilitatorId == null ? "" : facilitatorId)
      .setNewExpiresAtMs(newExpiresAtMs).setRenewedAtMs(renewedAtMs).build();
  }

  /** The renewal id of {@code old} at its current head: one renewal per token state, so a retry is recognised. */
  public static String renewalId(Token old) {
    byte[] h = Hashes.sha256(DOMAIN, old.getId().getBytes(StandardCharsets.UTF_8), old.getTelomere().getHead().toByteArray());
    return "rn-" + org.juicetokens.crypto.Hex.of(Arrays.copyOf(h, 16));
  }

  /** The bytes the owner signs: DOMAIN ‖ the encoded {@link RenewalLinkSigned}. */
  public static byte[] signingBytes(ByteString signed) {
    byte[] body = signed.toByteArray();
    byte[] out = Arrays.copyOf(DOMAIN, DOMAIN.length + body.length);
    System.arraycopy(body, 0, out, DOMAIN.length, body.length);
    return out;
  }

  public static RenewalLink link(RenewalLinkSigned signed, byte[] signature) {
    return RenewalLink.newBuilder().setSigned(signed.toByteString()).setSignature(ByteString.copyFrom(signature)).build();
  }

  /** The signed part of {@code link}; INVALID_ARGUMENT when it does not decode. */
  public static RenewalLinkSigned signed(RenewalLink link) {
    try {
      return RenewalLinkSigned.parseFrom(link.getSigned());
    } catch (InvalidProtocolBufferException e) {
      throw JuiceException.invalidArgument("renewal link does not decode");
    }
  }

  /** UNAUTHENTICATED "bad signature" unless {@code link} is signed by {@code ownerKey}, the key it names. */
  public static RenewalLinkSigned requireSigned(RenewalLink link, byte[] ownerKey) {
    RenewalLinkSigned signed = signed(link);
    if (!Arrays.equals(signed.getOwnerKey().toByteArray(), ownerKey)
      || !Ed25519.verify(ownerKey, signingBytes(link.getSigned()), link.getSignature().toByteArray())) {
      throw new JuiceException(ErrorCode.UNAUTHENTICATED, "bad signature: the renewal of " + signed.getOldTokenId()
        + " is not signed by its owner's key");
    }
    return signed;
  }

  /**
   * Null when {@code renewed} is the sound replacement of {@code old} (same issuance, denomination and
   * owner; its genesis carries a renewal link of {@code old} at its head, signed by {@code old}'s owner
   * key, with the replacement's expiry); else the first failure as a sentence.
   */
  public static String failure(Token renewed, Token old) {
    GenesisRecord record;
    try {
      record = GenesisRecord.parseFrom(renewed.getGenesis().getRecord());
    } catch (InvalidProtocolBufferException e) {
      return "genesis record does not decode";
    }
    if (!record.hasRenewal()) {
      return "the genesis carries no renewal link";
    }
    RenewalLinkSigned signed;
    try {
      signed = requireSigned(record.getRenewal(), old.getTelomere().getOwnerKey().toByteArray());
    } catch (JuiceException e) {
      return e.getMessage();
    }
    if (!signed.getOldTokenId().equals(old.getId()) || !signed.getOldHead().equals(old.getTelomere().getHead())
      || signed.getOldTransfers() != old.getTelomere().getTransfers()) {
      return "the renewal link names another token or another state of it";
    }
    if (!renewed.getIssuanceId().equals(old.getIssuanceId()) || renewed.getDenomination() != old.getDenomination()
      || !renewed.getOwnerId().equals(old.getOwnerId())) {
      return "the replacement differs in issuance, denomination or owner";
    }
    if (record.getExpiresAtMs() != signed.getNewExpiresAtMs()) {
      return "the replacement's expiry is not the one the owner signed";
    }
    return null;
  }
}
