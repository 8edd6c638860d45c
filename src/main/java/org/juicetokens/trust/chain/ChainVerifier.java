package org.juicetokens.trust.chain;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.trust.chain.proto.ChainEntryBody;
import org.juicetokens.trust.chain.proto.ChainHead;
import org.juicetokens.trust.chain.proto.ChainVerdict;
import org.juicetokens.trust.chain.proto.SignedChainEntry;
import org.juicetokens.trust.identity.proto.IdentityDocument;
import org.juicetokens.trust.identity.proto.IdentityKey;

import java.util.List;

/**
 * Walks a personal chain in stored order and answers {valid, length, firstBrokenSequence, reason}.
 * Each entry must follow the one before (sequence + 1: otherwise a gap, or a fork when a sequence
 * repeats), link it by hash (otherwise a fork), be signed by the identity key it names, and that key
 * must have been the active one when the entry was written: key indexes never go back, and an entry
 * signed by keys[i] is dated before keys[i + 1] was added (a rotated-out key cannot extend the chain).
 * The head published in the DHT, when given, must be the last entry (otherwise entries are missing).
 */
public final class ChainVerifier {
  private ChainVerifier() {
  }

  public static ChainVerdict verify(IdentityDocument identity, List<SignedChainEntry> entries, ChainHead publishedHead) {
    ByteString previousHash = ByteString.EMPTY;
    long expected = 1;
    int lastKey = 0;
    for (SignedChainEntry entry : entries) {
      ChainEntryBody body;
      try {
        body = ChainEntryBody.parseFrom(entry.getBody());
      } catch (InvalidProtocolBufferException e) {
        return broken(expected - 1, expected, "entry " + expected + " does not decode");
      }
      long sequence = body.getSequence();
      if (sequence < expected) {
        return broken(expected - 1, sequence, "fork: sequence " + sequence + " appears twice");
      }
      if (sequence > expected) {
        return broken(expected - 1, expected, "gap: sequence " + expected + " is missing (next is " + sequence + ")");
      }
      if (!body.getIdentityId().equals(identity.getId())) {
        return broken(expected - 1, sequence, "entry " + sequence + " belongs to another identity");
      }
      if (!body.getPreviousHash().equals(previousHash)) {
        return broken(expected - 1, sequence, "fork: entry " + sequence + " does not link the hash of entry " + (sequence - 1));
      }
      String keyProblem = keyProblem(identity, body, lastKey);
      if (keyProblem != null) {
        return broken(expected - 1, sequence, "entry " + sequence + ": " + keyProblem);
      }
      byte[] publicKey = identity.getKeys(body.getKeyIndex()).getPublicKey().toByteArray();
      if (!Ed25519.verify(publicKey, ChainEntries.signingBytes(entry.getBody()), entry.getSignature().toByteArray())) {
        return broken(expected - 1, sequence, "tampered: the signature of entry " + sequence + " does not verify");
      }
      lastKey = body.getKeyIndex();
      previousHash = ByteString.copyFrom(ChainEntries.hash(entry));
      expected++;
    }
    long length = expected - 1;
    if (publishedHead != null && publishedHead.getSequence() > 0) {
      if (publishedHead.getSequence() > length) {
        return broken(length, length + 1, "gap: the published head is at " + publishedHead.getSequence() + " but the chain ends at " + length);
      }
      if (publishedHead.getSequence() == length && !publishedHead.getHash().equals(previousHash)) {
        return broken(length - 1, length, "tampered: entry " + length + " does not hash to the published head");
      }
    }
    return ChainVerdict.newBuilder().setValid(true).setLength(length).build();
  }

  private static String keyProblem(IdentityDocument identity, ChainEntryBody body, int lastKey) {
    int index = body.getKeyIndex();
    if (index < 0 || index >= identity.getKeysCount()) {
      return "key " + index + " is not in the identity document";
    }
    if (index < lastKey) {
      return "signed by key " + index + " after key " + lastKey + " was in use";
    }
    if (index + 1 < identity.getKeysCount()) {
      IdentityKey successor = identity.getKeys(index + 1);
      if (body.getTimestampMs() >= successor.getAddedAtMs()) {
        return "signed by key " + index + " after it was rotated out";
      }
    }
    return null;
  }

  private static ChainVerdict broken(long validLength, long sequence, String reason) {
    return ChainVerdict.newBuilder().setValid(false).setLength(Math.max(0, validLength)).setFirstBrokenSequence(sequence).setReason(reason).build();
  }
}
