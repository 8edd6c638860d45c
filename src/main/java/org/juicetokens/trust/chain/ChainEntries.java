package org.juicetokens.trust.chain;

import com.google.protobuf.ByteString;
import org.juicetokens.crypto.Hashes;
import org.juicetokens.trust.chain.proto.ChainEntryBody;
import org.juicetokens.trust.chain.proto.ChainEntryType;
import org.juicetokens.trust.chain.proto.ChainHead;
import org.juicetokens.trust.chain.proto.SignedChainEntry;

import java.nio.charset.StandardCharsets;

/**
 * The rules of one personal-chain entry: the next body after a head, the domain-separated bytes
 * that are signed, and the hash that links the following entry (SHA-256 of the signed entry bytes).
 */
public final class ChainEntries {
  /** Prefixed to the body before signing, so a chain signature can never pass for another record's. */
  public static final byte[] DOMAIN = "juicetokens/chain-entry/v1\0".getBytes(StandardCharsets.UTF_8);

  private ChainEntries() {
  }

  /** The body that follows {@code head} (null head = the first entry, sequence 1, empty previous hash). */
  public static ChainEntryBody next(String identityId, ChainHead head, ChainEntryType type, byte[] payloadHash, long nowMs, int keyIndex) {
    long sequence = head == null ? 1 : head.getSequence() + 1;
    ByteString previous = head == null ? ByteString.EMPTY : head.getHash();
    return ChainEntryBody.newBuilder().setIdentityId(identityId).setSequence(sequence).setPreviousHash(previous).setType(type)
      .setPayloadHash(ByteString.copyFrom(payloadHash)).setTimestampMs(nowMs).setKeyIndex(keyIndex).build();
  }

  /** The exact bytes the identity's key signs: DOMAIN ‖ body bytes. */
  public static byte[] signingBytes(ByteString body) {
    byte[] bytes = new byte[DOMAIN.length + body.size()];
    System.arraycopy(DOMAIN, 0, bytes, 0, DOMAIN.length);
    body.copyTo(bytes, DOMAIN.length);
    return bytes;
  }

  public static SignedChainEntry signed(ChainEntryBody body, byte[] signature) {
    return SignedChainEntry.newBuilder().setBody(body.toByteString()).setSignature(ByteString.copyFrom(signature)).build();
  }

  public static byte[] hash(SignedChainEntry entry) {
    return Hashes.sha256(entry.toByteArray());
  }

  public static ChainHead head(ChainEntryBody body, SignedChainEntry entry) {
    return ChainHead.newBuilder().setIdentityId(body.getIdentityId()).setSequence(body.getSequence())
      .setHash(ByteString.copyFrom(hash(entry))).build();
  }

  /** The payload hash of a transfer event: SHA-256 of the tx id and the amount in hundredths. */
  public static byte[] transferPayload(String txId, long amountHundredths) {
    return Hashes.sha256(txId.getBytes(StandardCharsets.UTF_8), Long.toString(amountHundredths).getBytes(StandardCharsets.UTF_8));
  }

  /** The payload hash of a creation: SHA-256 of the identity id. */
  public static byte[] createdPayload(String identityId) {
    return Hashes.sha256(identityId.getBytes(StandardCharsets.UTF_8));
  }
}
