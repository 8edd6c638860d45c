package org.juicetokens.token.creation;

import java.nio.charset.StandardCharsets;

/**
 * Keys of the token layer in the TOKENS column family of the owner's home node. Two records per
 * token, written in the same atomic batch:
 * <ul>
 *   <li>{@code tok/<ownerId>/<tokenId>} → the Token (an owner's tokens are one prefix scan);</li>
 *   <li>{@code id/<tokenId>} → the owner id (a token found by id: one get, then the token).</li>
 * </ul>
 * Plus {@code wis/<ownerId>} → the wissel's token id (at most one per owner) and
 * {@code pix/<tokenId>} → the owner id while the token's DHT index entry is not yet written (an
 * outbox: written with the tokens, deleted once the index entry is in the DHT). On the issuer's home
 * node, {@code iss/<issuanceId>} → the signed DHT put of its latest issuance claim, so the claim and
 * its index counter survive a restart of the whole cluster (the DHT is in memory). Identity ids are
 * hex and token ids have no '/', so prefixes never overlap.
 */
public final class TokenStoreLayout {
  public static final String TOKEN_PREFIX = "tok/";
  public static final String ID_PREFIX = "id/";
  public static final String WISSEL_PREFIX = "wis/";
  public static final String PENDING_INDEX_PREFIX = "pix/";
  public static final String CLAIM_PREFIX = "iss/";

  private TokenStoreLayout() {
  }

  public static byte[] tokenKey(String ownerId, String tokenId) {
    return bytes(TOKEN_PREFIX + ownerId + "/" + tokenId);
  }

  public static byte[] ownerTokensPrefix(String ownerId) {
    return bytes(TOKEN_PREFIX + ownerId + "/");
  }

  public static byte[] idKey(String tokenId) {
    return bytes(ID_PREFIX + tokenId);
  }

  public static byte[] wisselKey(String ownerId) {
    return bytes(WISSEL_PREFIX + ownerId);
  }

  public static byte[] claimKey(String issuanceId) {
    return bytes(CLAIM_PREFIX + issuanceId);
  }

  public static byte[] pendingIndexKey(String tokenId) {
    return bytes(PENDING_INDEX_PREFIX + tokenId);
  }

  /** The token id of an {@code id/} or {@code pix/} key. */
  public static String tokenIdOf(byte[] key, String prefix) {
    return text(key).substring(prefix.length());
  }

  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
