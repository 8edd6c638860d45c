package org.juicetokens.token.telomere;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.crypto.Hashes;
import org.juicetokens.crypto.Hex;
import org.juicetokens.token.proto.SignedGenesis;
import org.juicetokens.token.proto.Telomere;
import org.juicetokens.token.proto.TelomereLink;
import org.juicetokens.token.proto.TelomereLinkSigned;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The self-composting ownership tail (PROTOCOL.md §Telomere): pure functions over
 * {@link Telomere} values, no I/O, thread-safe.
 *
 * <p>A transfer is two steps because custodial signing is asynchronous (the owner's key lives on
 * its home node, reached over the bus): {@link #linkToSign} gives the message the current owner
 * signs, {@link #append} checks that signature and returns the new telomere.
 *
 * <ul>
 *   <li>head after genesis = SHA-256(genesis record bytes); after a link =
 *       SHA-256(previous head ‖ bytes of the link with {@code signature} cleared);</li>
 *   <li>previous_owner_hash = SHA-256("GENESIS" ‖ token id) at genesis, then
 *       SHA-256(previous owner's public key), the newest link's signer;</li>
 *   <li>the tail keeps the newest {@code tailLinks} links; an older link is folded into
 *       compost = SHA-256(compost ‖ full link bytes, signature included), the empty compost being
 *       zero bytes (so the first fold is SHA-256(link bytes)); {@code composted} counts them and
 *       {@code tail_base_head} is the head before the oldest retained link.</li>
 * </ul>
 */
public final class Telomeres {
  /** Longest tx id a link carries (UTF-8 bytes): keeps the encoded size bounded. */
  public static final int MAX_TX_ID_BYTES = 128;

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

  /** previous_owner_hash after a transfer: SHA-256(the previous owner's public key). */
  public static byte[] ownerHash(byte[] previousOwnerKey) {
    return Hashes.sha256(previousOwnerKey);
  }

  /**
   * The message the current owner signs to hand the token to {@code newOwnerKey}: token id,
   * transfer number (current transfers + 1), new owner key, previous head (the current head),
   * tx id, timestamp. Sign {@code toByteArray()} of the result.
   *
   * @throws JuiceException INVALID_ARGUMENT for a new owner key that is not 32 bytes, an empty
   *                        token id, or a tx id that is empty or longer than {@link #MAX_TX_ID_BYTES}
   */
  public static TelomereLinkSigned linkToSign(String tokenId, Telomere current, byte[] newOwnerKey, String txId, long timestampMs) {
    if (tokenId == null || tokenId.isEmpty()) {
      throw JuiceException.invalidArgument("telomere link: token id is empty");
    }
    requireKey(newOwnerKey, "new owner key");
    requireTxId(txId);
    return TelomereLinkSigned.newBuilder()
      .setTokenId(tokenId)
      .setTransferNumber(current.getTransfers() + 1)
      .setNewOwnerKey(ByteString.copyFrom(newOwnerKey))
      .setPreviousHead(current.getHead())
      .setTxId(txId)
      .setTimestampMs(timestampMs)
      .build();
  }

  /**
   * Appends the link {@code signed} signed by {@code signerPublicKey}: the new telomere has the
   * link at the end of its tail (older links composted beyond {@code tailLinks}), transfers + 1,
   * owner = the new owner, previous-owner hash = SHA-256(signer key), the new head.
   * {@code current} itself is not re-verified (that is {@link #verify}'s job, once, when the token
   * is read or received): only that {@code signed} is its next link, by its owner.
   *
   * @throws JuiceException INVALID_ARGUMENT (details reason=MALFORMED / TRANSFER_COUNT_MISMATCH /
   *                        BROKEN_HEAD_CHAIN) when {@code signed} is not the next link of {@code current};
   *                        UNAUTHENTICATED (reason=WRONG_SIGNER / BAD_LINK_SIGNATURE) when the signer
   *                        is not the current owner or the signature does not verify
   */
  public static Telomere append(Telomere current, TelomereLinkSigned signed, byte[] signerPublicKey, byte[] signature, int tailLinks) {
    if (tailLinks < 1) {
      throw rejected(ErrorCode.INVALID_ARGUMENT, FailureReason.MALFORMED, "tailLinks must be at least 1, got " + tailLinks);
    }
    if (signed.getTokenId().isEmpty()) {
      throw rejected(ErrorCode.INVALID_ARGUMENT, FailureReason.MALFORMED, "the signed link names no token");
    }
    requireKey(signed.getNewOwnerKey().toByteArray(), "new owner key");
    requireTxId(signed.getTxId());
    if (signed.getTransferNumber() != current.getTransfers() + 1) {
      throw rejected(ErrorCode.INVALID_ARGUMENT, FailureReason.TRANSFER_COUNT_MISMATCH,
        "link is transfer " + signed.getTransferNumber() + " but the token is at " + current.getTransfers());
    }
    if (!signed.getPreviousHead().equals(current.getHead())) {
      throw rejected(ErrorCode.INVALID_ARGUMENT, FailureReason.BROKEN_HEAD_CHAIN, "link was signed against another head (stale state)");
    }
    if (signerPublicKey == null || !ByteString.copyFrom(signerPublicKey).equals(current.getOwnerKey())) {
      throw rejected(ErrorCode.UNAUTHENTICATED, FailureReason.WRONG_SIGNER,
        "signer " + (signerPublicKey == null ? "none" : Hex.prefix(signerPublicKey, 12)) + " is not the current owner");
    }
    TelomereLink link = TelomereLink.newBuilder()
      .setSignerPublicKey(current.getOwnerKey())
      .setNewOwnerKey(signed.getNewOwnerKey())
      .setTxId(signed.getTxId())
      .setTimestampMs(signed.getTimestampMs())
      .setPreviousHead(signed.getPreviousHead())
      .setSignature(ByteString.copyFrom(signature == null ? new byte[0] : signature))
      .setTransferNumber(signed.getTransferNumber())
      .build();
    // checked over the canonical re-encoding, exactly as verify will (extra fields in `signed` do not count)
    if (!Ed25519.verify(signerPublicKey, signedBytes(signed.getTokenId(), link), signature)) {
      throw rejected(ErrorCode.UNAUTHENTICATED, FailureReason.BAD_LINK_SIGNATURE, "the link signature does not verify under the owner's key");
    }
    Telomere.Builder next = current.toBuilder()
      .setOwnerKey(signed.getNewOwnerKey())
      .setPreviousOwnerHash(ByteString.copyFrom(ownerHash(signerPublicKey)))
      .setHead(ByteString.copyFrom(headAfter(current.getHead().toByteArray(), link)))
      .setTransfers(signed.getTransferNumber())
      .addTail(link);
    if (current.getTailCount() == 0) {
      next.setTailBaseHead(current.getHead());
    }
    return compost(next, tailLinks);
  }

  /** Signs with {@code owner} and appends: for tests, benchmarks and owners holding their key in-process. */
  public static Telomere transform(String tokenId, Telomere current, Ed25519.PrivateKey owner, byte[] newOwnerKey, String txId,
                                   long timestampMs, int tailLinks) {
    TelomereLinkSigned signed = linkToSign(tokenId, current, newOwnerKey, txId, timestampMs);
    return append(current, signed, owner.publicKey(), owner.sign(signed.toByteArray()), tailLinks);
  }

  /** Checks a telomere against its genesis (see {@link TelomereVerifier} for every rule and their order). */
  public static TelomereVerification verify(String tokenId, SignedGenesis genesis, Telomere telomere, VerifyOptions options) {
    return TelomereVerifier.verify(tokenId, genesis, telomere, options);
  }

  /** {@link #verify} of encoded telomere bytes: undecodable bytes are {@link FailureReason#MALFORMED}. */
  public static TelomereVerification verifyEncoded(String tokenId, SignedGenesis genesis, byte[] telomere, VerifyOptions options) {
    try {
      return verify(tokenId, genesis, Telomere.parseFrom(telomere), options);
    } catch (InvalidProtocolBufferException e) {
      return TelomereVerification.fail(FailureReason.MALFORMED, "telomere does not decode: " + e.getMessage());
    }
  }

  /**
   * Genesis, then every retained link, oldest first, each with the head after it and whether its
   * signature verifies. Composted links are not listed (only counted in the telomere). Never throws
   * for a bad telomere: that is what {@code signatureValid} and {@link #verify} report; an
   * undecodable genesis record gives a genesis step with empty keys and an invalid signature.
   */
  public static List<HistoryStep> history(String tokenId, SignedGenesis genesis, Telomere telomere) {
    List<HistoryStep> steps = new ArrayList<>(telomere.getTailCount() + 1);
    steps.add(TelomereVerifier.genesisStep(genesis));
    byte[] head = telomere.getTailCount() == 0 ? telomere.getHead().toByteArray() : telomere.getTailBaseHead().toByteArray();
    for (TelomereLink link : telomere.getTailList()) {
      head = headAfter(head, link);
      boolean valid = Ed25519.verify(link.getSignerPublicKey().toByteArray(), signedBytes(tokenId, link), link.getSignature().toByteArray());
      steps.add(new HistoryStep(link.getTransferNumber(), link.getNewOwnerKey().toByteArray(), link.getSignerPublicKey().toByteArray(),
        link.getTxId(), link.getTimestampMs(), head, valid));
    }
    return steps;
  }

  /** SHA-256(previous head ‖ bytes of {@code link} with its signature cleared). */
  public static byte[] headAfter(byte[] previousHead, TelomereLink link) {
    return Hashes.sha256(previousHead, link.toBuilder().clearSignature().build().toByteArray());
  }

  /** The bytes the signer of {@code link} signed (its TelomereLinkSigned). */
  public static byte[] signedBytes(String tokenId, TelomereLink link) {
    return TelomereLinkSigned.newBuilder()
      .setTokenId(tokenId)
      .setTransferNumber(link.getTransferNumber())
      .setNewOwnerKey(link.getNewOwnerKey())
      .setPreviousHead(link.getPreviousHead())
      .setTxId(link.getTxId())
      .setTimestampMs(link.getTimestampMs())
      .build()
      .toByteArray();
  }

  /**
   * The largest encoding of a telomere {@link #verify} accepts with {@code tailLinks} (any counts,
   * timestamps and tx ids up to {@link #MAX_TX_ID_BYTES}): 192 + 324 × tailLinks bytes, 3,432 for 10.
   * Fixed part: four 32-byte hashes/keys and tail_base_head at 1 + 1 + 32 each (170), two int64
   * counters at 1 + 10 (22). A link: two keys and the previous head at 34 each (102), signature
   * 1 + 1 + 64 (66), tx id 1 + 2 + 128 (131), timestamp and transfer number 11 each (22) = 321,
   * plus 1 tag byte and 2 length bytes in the tail = 324.
   */
  public static int maxEncodedSize(int tailLinks) {
    return 192 + 324 * tailLinks;
  }

  private static Telomere compost(Telomere.Builder telomere, int tailLinks) {
    while (telomere.getTailCount() > tailLinks) {
      TelomereLink oldest = telomere.getTail(0);
      telomere.setCompost(ByteString.copyFrom(Hashes.sha256(telomere.getCompost().toByteArray(), oldest.toByteArray())))
        .setComposted(telomere.getComposted() + 1)
        .removeTail(0)
        .setTailBaseHead(telomere.getTail(0).getPreviousHead());
    }
    return telomere.build();
  }

  private static void requireKey(byte[] key, String what) {
    if (key == null || key.length != Ed25519.PUBLIC_KEY_BYTES) {
      throw rejected(ErrorCode.INVALID_ARGUMENT, FailureReason.MALFORMED,
        what + " must be " + Ed25519.PUBLIC_KEY_BYTES + " bytes, got " + (key == null ? "none" : key.length));
    }
  }

  private static void requireTxId(String txId) {
    if (txId == null || txId.isEmpty() || txId.getBytes(StandardCharsets.UTF_8).length > MAX_TX_ID_BYTES) {
      throw rejected(ErrorCode.INVALID_ARGUMENT, FailureReason.MALFORMED,
        "tx id must be 1-" + MAX_TX_ID_BYTES + " bytes, got " + (txId == null ? "none" : txId.getBytes(StandardCharsets.UTF_8).length));
    }
  }

  private static JuiceException rejected(ErrorCode code, FailureReason reason, String message) {
    return new JuiceException(code, "telomere: " + message, Map.of("reason", reason.name()), null);
  }
}
