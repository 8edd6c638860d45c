package org.juicetokens.token.creation;

import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.crypto.Hashes;
import org.juicetokens.token.proto.GenesisRecord;
import org.juicetokens.token.proto.Telomere;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.telomere.Telomeres;

import java.util.Arrays;
import java.util.List;

/**
 * Checks a stored token against its own evidence: the genesis record is the issuer's (signature by
 * the record's issuer key, and that key is one of the issuer identity's keys), it describes this
 * token (id, denomination, issuance, expiry), and the telomere starts from it (previous-owner hash
 * SHA-256("GENESIS" ‖ id), head SHA-256 of the record, owner = the record's owner while no transfer
 * happened). Pure; answers the first failure as a sentence, or null when the token is sound.
 */
public final class TokenVerification {
  private TokenVerification() {
  }

  /**
   * @param issuerKeys the public keys of the issuer identity (from its verified document); empty =
   *                   the issuer is unknown here, which is itself a failure
   */
  public static String failure(Token token, List<byte[]> issuerKeys) {
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
    if (!Ed25519.verify(issuerKey, token.getGenesis().getRecord().toByteArray(), token.getGenesis().getSignature().toByteArray())) {
      return "genesis signature is not the issuer key's";
    }
    if (issuerKeys.stream().noneMatch(k -> Arrays.equals(k, issuerKey))) {
      return "genesis issuer key is not a key of issuer " + record.getIssuerId();
    }
    return genesisTelomereFailure(token, record);
  }

  /** The telomere of a token that never moved must be exactly its genesis telomere. */
  private static String genesisTelomereFailure(Token token, GenesisRecord record) {
    Telomere telomere = token.getTelomere();
    if (telomere.getTransfers() != 0 || telomere.getTailCount() != 0) {
      return null;
    }
    if (!Arrays.equals(telomere.getPreviousOwnerHash().toByteArray(), Telomeres.genesisOwnerHash(token.getId()))) {
      return "telomere previous-owner hash is not SHA-256(GENESIS ‖ id)";
    }
    if (!Arrays.equals(telomere.getHead().toByteArray(), Hashes.sha256(token.getGenesis().getRecord().toByteArray()))) {
      return "telomere head is not the hash of the genesis record";
    }
    if (!telomere.getOwnerKey().equals(record.getOwnerKey())) {
      return "telomere owner is not the genesis owner";
    }
    return null;
  }
}
