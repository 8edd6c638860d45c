package org.juicetokens.token.telomere;

import com.google.protobuf.ByteString;
import org.juicetokens.crypto.Hashes;
import org.juicetokens.token.proto.SignedGenesis;
import org.juicetokens.token.proto.Telomere;

import java.nio.charset.StandardCharsets;

/**
 * The self-composting ownership tail (PROTOCOL.md §Telomere): pure functions over
 * {@link Telomere} values, no I/O, thread-safe.
 */
public final class Telomeres {
  private Telomeres() {
  }

  /**
   * The telomere of a freshly minted token: owned by {@code ownerKey}, previous-owner hash
   * SHA-256("GENESIS" ‖ token id), head SHA-256 of the signed genesis record's bytes, no links.
   */
  public static Telomere genesis(String tokenId, SignedGenesis genesis, byte[] ownerKey) {
    return Telomere.newBuilder()
      .setOwnerKey(ByteString.copyFrom(ownerKey))
      .setPreviousOwnerHash(ByteString.copyFrom(genesisOwnerHash(tokenId)))
      .setHead(ByteString.copyFrom(Hashes.sha256(genesis.getRecord().toByteArray())))
      .setTransfers(0)
      .build();
  }

  /** SHA-256("GENESIS" ‖ token id). */
  public static byte[] genesisOwnerHash(String tokenId) {
    return Hashes.sha256("GENESIS".getBytes(StandardCharsets.US_ASCII), tokenId.getBytes(StandardCharsets.UTF_8));
  }
}
