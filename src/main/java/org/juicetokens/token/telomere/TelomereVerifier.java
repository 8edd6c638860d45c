package org.juicetokens.token.telomere;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.crypto.Hashes;
import org.juicetokens.token.proto.GenesisRecord;
import org.juicetokens.token.proto.SignedGenesis;
import org.juicetokens.token.proto.Telomere;
import org.juicetokens.token.proto.TelomereLink;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.juicetokens.token.telomere.FailureReason.BAD_GENESIS_SIGNATURE;
import static org.juicetokens.token.telomere.FailureReason.BAD_LINK_SIGNATURE;
import static org.juicetokens.token.telomere.FailureReason.BROKEN_HEAD_CHAIN;
import static org.juicetokens.token.telomere.FailureReason.COMPOST_MISMATCH;
import static org.juicetokens.token.telomere.FailureReason.GENESIS_MISMATCH;
import static org.juicetokens.token.telomere.FailureReason.HEAD_MISMATCH;
import static org.juicetokens.token.telomere.FailureReason.INDEX_MISMATCH;
import static org.juicetokens.token.telomere.FailureReason.MALFORMED;
import static org.juicetokens.token.telomere.FailureReason.OWNER_MISMATCH;
import static org.juicetokens.token.telomere.FailureReason.REPLAY;
import static org.juicetokens.token.telomere.FailureReason.TAIL_TOO_LONG;
import static org.juicetokens.token.telomere.FailureReason.TRANSFER_COUNT_MISMATCH;
import static org.juicetokens.token.telomere.FailureReason.UNCOMMITTED_LINK;
import static org.juicetokens.token.telomere.FailureReason.WRONG_SIGNER;
import static org.juicetokens.token.telomere.TelomereVerification.fail;

/**
 * The rules of {@link Telomeres#verify}, checked in this order (the first failure is reported):
 * <ol>
 *   <li>shape: 32-byte owner key, head and previous-owner hash, non-negative counters (MALFORMED);</li>
 *   <li>genesis: the record decodes and is of this token (GENESIS_MISMATCH), names the expected issuer
 *       key and carries that key's signature over the record bytes (BAD_GENESIS_SIGNATURE);</li>
 *   <li>tail length ≤ tailLinks (TAIL_TOO_LONG); compost empty iff nothing composted, else 32 bytes
 *       (COMPOST_MISMATCH); a transferred token retains at least its newest link (MALFORMED);</li>
 *   <li>with nothing composted the tail starts at the genesis (tail_base_head = SHA-256(record),
 *       first signer = genesis owner: GENESIS_MISMATCH);</li>
 *   <li>per retained link, oldest first: field sizes (MALFORMED); previous head = the head before it,
 *       starting at tail_base_head (BROKEN_HEAD_CHAIN); transfer number = composted + position + 1
 *       (TRANSFER_COUNT_MISMATCH); signature over its TelomereLinkSigned (BAD_LINK_SIGNATURE); signer =
 *       the owner before it, known for every link but the oldest once links are composted (WRONG_SIGNER);
 *       the commit check, when given (UNCOMMITTED_LINK);</li>
 *   <li>transfers = composted + retained links (TRANSFER_COUNT_MISMATCH); recomputed head = head
 *       (HEAD_MISMATCH); owner = newest link's new owner (or the genesis owner) and previous-owner hash =
 *       SHA-256(newest signer) (or SHA-256("GENESIS" ‖ token id)) (OWNER_MISMATCH);</li>
 *   <li>against the caller's expectations: expected owner (OWNER_MISMATCH), indexed transfer number
 *       higher than ours (REPLAY), same transfer number but another head (INDEX_MISMATCH).</li>
 * </ol>
 * What cannot be checked: the compost's value (its links are gone) and the signer of the oldest
 * retained link once links are composted; there the token index in the DHT is the anchor.
 */
final class TelomereVerifier {
  private TelomereVerifier() {
  }

  static TelomereVerification verify(String tokenId, SignedGenesis genesis, Telomere t, VerifyOptions options) {
    if (t.getOwnerKey().size() != Ed25519.PUBLIC_KEY_BYTES || t.getHead().size() != Hashes.SHA256_BYTES
      || t.getPreviousOwnerHash().size() != Hashes.SHA256_BYTES || t.getTransfers() < 0 || t.getComposted() < 0) {
      return fail(MALFORMED, "owner key, head or previous-owner hash of the wrong size, or a negative counter");
    }
    GenesisRecord record;
    try {
      record = GenesisRecord.parseFrom(genesis.getRecord());
    } catch (InvalidProtocolBufferException e) {
      return fail(GENESIS_MISMATCH, "genesis record does not decode");
    }
    if (!record.getTokenId().equals(tokenId)) {
      return fail(GENESIS_MISMATCH, "genesis record is of token " + record.getTokenId());
    }
    byte[] issuerKey = options.issuerKey() != null ? options.issuerKey() : record.getIssuerKey().toByteArray();
    if (!Arrays.equals(issuerKey, record.getIssuerKey().toByteArray())) {
      return fail(BAD_GENESIS_SIGNATURE, "genesis record names another issuer key than expected");
    }
    if (!Ed25519.verify(issuerKey, genesis.getRecord().toByteArray(), genesis.getSignature().toByteArray())) {
      return fail(BAD_GENESIS_SIGNATURE, "issuer signature over the genesis record does not verify");
    }
    if (t.getTailCount() > options.tailLinks()) {
      return fail(TAIL_TOO_LONG, t.getTailCount() + " retained links, at most " + options.tailLinks());
    }
    if (t.getComposted() == 0 ? !t.getCompost().isEmpty() : t.getCompost().size() != Hashes.SHA256_BYTES) {
      return fail(COMPOST_MISMATCH, "compost of " + t.getCompost().size() + " bytes with " + t.getComposted() + " composted links");
    }
    if (t.getTailCount() == 0 && t.getTransfers() > 0) {
      return fail(MALFORMED, "a transferred token must retain its newest link");
    }
    ByteString genesisHead = ByteString.copyFrom(Hashes.sha256(genesis.getRecord().toByteArray()));
    ByteString head = t.getTailCount() == 0 ? t.getHead() : t.getTailBaseHead();
    ByteString owner = t.getComposted() == 0 ? record.getOwnerKey() : null; // unknown before the oldest retained link
    if (t.getComposted() == 0 && !head.equals(genesisHead)) {
      return fail(GENESIS_MISMATCH, t.getTailCount() == 0 ? "head is not the genesis head" : "tail does not start at the genesis head");
    }
    for (int i = 0; i < t.getTailCount(); i++) {
      TelomereLink link = t.getTail(i);
      TelomereVerification failure = checkLink(tokenId, link, i, head, owner, t.getComposted() + i + 1, options);
      if (failure != null) {
        return failure;
      }
      head = ByteString.copyFrom(Telomeres.headAfter(head.toByteArray(), link));
      owner = link.getNewOwnerKey();
    }
    if (t.getTransfers() != t.getComposted() + t.getTailCount()) {
      return fail(TRANSFER_COUNT_MISMATCH, "transfers " + t.getTransfers() + " but " + t.getComposted() + " composted + "
        + t.getTailCount() + " retained links");
    }
    if (!head.equals(t.getHead())) {
      return fail(HEAD_MISMATCH, "the head recomputed from the retained links differs from the stored head");
    }
    if (!t.getOwnerKey().equals(owner)) {
      return fail(OWNER_MISMATCH, "owner is not the newest link's new owner");
    }
    ByteString previousOwnerHash = ByteString.copyFrom(t.getTailCount() == 0 ? Telomeres.genesisOwnerHash(tokenId)
      : Telomeres.ownerHash(t.getTail(t.getTailCount() - 1).getSignerPublicKey().toByteArray()));
    if (!t.getPreviousOwnerHash().equals(previousOwnerHash)) {
      return fail(OWNER_MISMATCH, "previous-owner hash is not that of the newest link's signer");
    }
    if (options.expectedOwnerKey() != null && !Arrays.equals(options.expectedOwnerKey(), t.getOwnerKey().toByteArray())) {
      return fail(OWNER_MISMATCH, "owner is not the expected owner");
    }
    if (options.indexedTransferNumber() > t.getTransfers()) {
      return fail(REPLAY, "transfer " + t.getTransfers() + " is older than the indexed transfer " + options.indexedTransferNumber());
    }
    if (options.indexedHead() != null && options.indexedTransferNumber() == t.getTransfers()
      && !Arrays.equals(options.indexedHead(), t.getHead().toByteArray())) {
      return fail(INDEX_MISMATCH, "same transfer number as the index but another head (a fork)");
    }
    return TelomereVerification.ok();
  }

  private static TelomereVerification checkLink(String tokenId, TelomereLink link, int i, ByteString head, ByteString owner,
                                                long transferNumber, VerifyOptions options) {
    if (link.getSignerPublicKey().size() != Ed25519.PUBLIC_KEY_BYTES || link.getNewOwnerKey().size() != Ed25519.PUBLIC_KEY_BYTES
      || link.getPreviousHead().size() != Hashes.SHA256_BYTES || link.getSignature().size() != Ed25519.SIGNATURE_BYTES
      || link.getTxId().isEmpty() || link.getTxId().getBytes(StandardCharsets.UTF_8).length > Telomeres.MAX_TX_ID_BYTES) {
      return fail(MALFORMED, i, "link " + i + " has a field of the wrong size");
    }
    if (!link.getPreviousHead().equals(head)) {
      return fail(BROKEN_HEAD_CHAIN, i, "link " + i + " does not follow the head before it");
    }
    if (link.getTransferNumber() != transferNumber) {
      return fail(TRANSFER_COUNT_MISMATCH, i, "link " + i + " is transfer " + link.getTransferNumber() + ", expected " + transferNumber);
    }
    if (!Ed25519.verify(link.getSignerPublicKey().toByteArray(), Telomeres.signedBytes(tokenId, link), link.getSignature().toByteArray())) {
      return fail(BAD_LINK_SIGNATURE, i, "link " + i + " signature does not verify");
    }
    if (owner != null && !owner.equals(link.getSignerPublicKey())) {
      return fail(WRONG_SIGNER, i, "link " + i + " is not signed by the owner before it");
    }
    if (options.commitCheck() != null && !options.commitCheck().committed(tokenId, link)) {
      return fail(UNCOMMITTED_LINK, i, "link " + i + " has no commit certificate for tx " + link.getTxId());
    }
    return null;
  }

  /** The genesis as a history step (see {@link Telomeres#history}). */
  static HistoryStep genesisStep(SignedGenesis genesis) {
    byte[] head = Hashes.sha256(genesis.getRecord().toByteArray());
    try {
      GenesisRecord record = GenesisRecord.parseFrom(genesis.getRecord());
      boolean valid = Ed25519.verify(record.getIssuerKey().toByteArray(), genesis.getRecord().toByteArray(),
        genesis.getSignature().toByteArray());
      return new HistoryStep(0, record.getOwnerKey().toByteArray(), record.getIssuerKey().toByteArray(), "",
        record.getCreatedAtMs(), head, valid);
    } catch (InvalidProtocolBufferException e) {
      return new HistoryStep(0, new byte[0], new byte[0], "", 0, head, false);
    }
  }
}
