package org.juicetokens.token.creation;

import com.google.protobuf.ByteString;
import org.juicetokens.token.proto.GenesisRecord;
import org.juicetokens.token.proto.SignedGenesis;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenState;
import org.juicetokens.token.telomere.Telomeres;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds minted tokens (PROTOCOL.md §Tokens): one genesis record per index of the obtained range
 * {@code {id, denomination, issuer key, owner, created, expires}}, then, given the issuer's
 * signatures over the records' bytes, the tokens with their initial telomere. Pure: the signing
 * happens elsewhere (on the issuer's home node, through the identity layer).
 */
public final class TokenMint {
  private final String location;
  private final long lifetimeMs;

  public TokenMint(String location, int lifetimeDays) {
    this.location = TokenLocation.require(location);
    if (lifetimeDays <= 0) {
      throw new IllegalArgumentException("token.lifetimeDays must be > 0, got " + lifetimeDays);
    }
    this.lifetimeMs = TimeUnit.DAYS.toMillis(lifetimeDays);
  }

  public String location() {
    return location;
  }

  public String issuanceId(String reference) {
    return TokenIds.issuanceId(location, reference);
  }

  /** The genesis records of {@code range}, in index order. */
  public List<GenesisRecord> records(MintOrder order, IssuanceClaims.Range range, byte[] issuerKey, byte[] ownerKey, long nowMs) {
    List<GenesisRecord> records = new ArrayList<>(range.count());
    for (int i = 0; i < range.count(); i++) {
      records.add(GenesisRecord.newBuilder()
        .setTokenId(TokenIds.format(location, order.reference(), order.denomination(), range.first() + i))
        .setDenomination(order.denomination())
        .setIssuerId(order.issuerId())
        .setIssuerKey(ByteString.copyFrom(issuerKey))
        .setOwnerId(order.ownerId())
        .setOwnerKey(ByteString.copyFrom(ownerKey))
        .setCreatedAtMs(nowMs)
        .setExpiresAtMs(nowMs + lifetimeMs)
        .build());
    }
    return records;
  }

  /** The token of one record and the issuer's signature over {@code record.toByteArray()}. */
  public static Token token(GenesisRecord record, byte[] signature) {
    SignedGenesis genesis = SignedGenesis.newBuilder()
      .setRecord(record.toByteString())
      .setSignature(ByteString.copyFrom(signature))
      .build();
    TokenIds.TokenId id = TokenIds.parse(record.getTokenId(), Integer.MAX_VALUE);
    return Token.newBuilder()
      .setId(record.getTokenId())
      .setIssuanceId(id.issuanceId())
      .setDenomination(record.getDenomination())
      .setOwnerId(record.getOwnerId())
      .setState(TokenState.ACTIVE)
      .setGenesis(genesis)
      .setTelomere(Telomeres.genesis(record.getTokenId(), genesis, record.getOwnerKey().toByteArray()))
      .setExpiresAtMs(record.getExpiresAtMs())
      .setCreatedAtMs(record.getCreatedAtMs())
      .build();
  }
}
