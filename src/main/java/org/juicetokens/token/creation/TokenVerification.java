package org.juicetokens.token.creation;

import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.token.proto.GenesisRecord;
import org.juicetokens.token.proto.SignedGenesis;
import org.juicetokens.token.proto.Telomere;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenIndexEntry;
import org.juicetokens.token.telomere.FailureReason;
import org.juicetokens.token.telomere.TelomereVerification;
import org.juicetokens.token.telomere.Telomeres;
import org.juicetokens.token.telomere.VerifyOptions;

import java.util.Arrays;
import java.util.List;

/**
 * Checks a stored token against its own evidence: the genesis record is the issuer's (signature by
 * the record's issuer key, and that key is one of the issuer identity's keys), it describes this
 * token (id, denomination, issuance, expiry), and the telomere follows from it by the telomere
 * layer's rules ({@link Telomeres#verify}, against the DHT index entry when given). Pure; answers the first failure as a sentence, or null when the token is sound.
 */
public final class TokenVerification {
  /** PROTOCOL.md §Telomere: the tail keeps the last 10 links. */
  public static final int DEFAULT_TAIL_LINKS = 10;

  private TokenVerification() {
  }

  /**
   * @param issuerKeys the public keys of the issuer identity (from its verified document); empty =
   *                   the issuer is unknown here, which is itself a failure
   */
  /**
   * How the telomere is checked: {@link Telomeres#verify}, or the node's measured {@code TelomereChecks#verify}.
   * It must apply every rule of {@link Telomeres#verify}, the genesis signature under {@code options.issuerKey()} included.
   */
  @FunctionalInterface
  public interface TelomereCheck {
    TelomereVerification verify(String tokenId, SignedGenesis genesis, Telomere telomere, VerifyOptions options);
  }

  public static String failure(Token token, List<byte[]> issuerKeys) {
    return failure(token, issuerKeys, null, DEFAULT_TAIL_LINKS, Telomeres::verify);
  }

  /**
   * @param index     the token's DHT index entry (a lower transfer number than indexed is a replay); null = not compared
   * @param tailLinks the longest telomere tail accepted
   */
  public static String failure(Token token, List<byte[]> issuerKeys, TokenIndexEntry index, int tailLinks, TelomereCheck check) {
    GenesisRecord record;
    try {
      record = GenesisRecord.parseFrom(token.getGenesis().getRecord());
    } catch (InvalidProtocolBufferException e) {
      return "genesis record does not decode";
    }
    if (!record.getTokenId().equals(token.getId())) {
      return "genesis record is for token " + record.getTokenId();
    }
    TokenIds.TokenId id;
    try {
      id = TokenIds.parse(token.getId(), Integer.MAX_VALUE);
    } catch (JuiceException e) {
      return e.getMessage();
    }
    if (record.getDenomination() != token.getDenomination() || id.denomination() != token.getDenomination()) {
      return "denomination " + token.getDenomination() + " differs from the genesis record's " + record.getDenomination()
        + " or the id's " + id.denomination();
    }
    if (!id.issuanceId().equals(token.getIssuanceId())) {
      return "issuance " + token.getIssuanceId() + " differs from the id's " + id.issuanceId();
    }
    if (record.getExpiresAtMs() != token.getExpiresAtMs()) {
      return "expiry differs from the genesis record's";
    }
    byte[] issuerKey = record.getIssuerKey().toByteArray();
    // the telomere rules verify the genesis signature under issuerKey (Telomeres#verify): a valid
    // telomere means a valid signature, so the signature is verified once; only a failure is looked at
    // again, to report the first failure in this method's order (signature, issuer key, telomere)
    TelomereVerification telomere = telomere(token, issuerKey, index, tailLinks, check);
    if (!telomere.valid() && (telomere.reason() == FailureReason.BAD_GENESIS_SIGNATURE
      || !Ed25519.verify(issuerKey, token.getGenesis().getRecord().toByteArray(), token.getGenesis().getSignature().toByteArray()))) {
      return "genesis signature is not the issuer key's";
    }
    if (issuerKeys.stream().noneMatch(k -> Arrays.equals(k, issuerKey))) {
      return "genesis issuer key is not a key of issuer " + record.getIssuerId();
    }
    return telomere.valid() ? null : "telomere " + telomere.reason().name() + ": " + telomere.detail();
  }

  /** The telomere against the genesis and, when known, the DHT index entry (the telomere layer's rules). */
  private static TelomereVerification telomere(Token token, byte[] issuerKey, TokenIndexEntry index, int tailLinks, TelomereCheck check) {
    VerifyOptions options = VerifyOptions.of(tailLinks).withIssuerKey(issuerKey);
    if (index != null) {
      options = options.withIndex(index.getTransferNumber(), index.getHead().toByteArray());
    }
    return check.verify(token.getId(), token.getGenesis(), token.getTelomere(), options);
  }
}
