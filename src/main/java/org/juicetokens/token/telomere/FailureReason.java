package org.juicetokens.token.telomere;

import org.juicetokens.common.ErrorCode;

/**
 * Why a telomere failed verification: a bounded set, used as a metric label
 * ({@code juice_telomere_verifications_total{reason}}) and in API answers.
 */
public enum FailureReason {
  /** Verified (the reason of a valid result). */
  NONE,
  /** Undecodable bytes, or a field of the wrong size (key not 32 bytes, tx id too long, no retained link after a transfer...). */
  MALFORMED,
  /** The issuer's signature over the genesis record does not verify, or the record names another issuer key than expected. */
  BAD_GENESIS_SIGNATURE,
  /** The genesis record is of another token, or the telomere does not start from it (head, owner, previous-owner hash). */
  GENESIS_MISMATCH,
  /** A retained link's signature does not verify under its signer key. */
  BAD_LINK_SIGNATURE,
  /** A retained link was signed by someone other than the owner before it. */
  WRONG_SIGNER,
  /** A retained link's previous head is not the head before it (altered, dropped, inserted or reordered link). */
  BROKEN_HEAD_CHAIN,
  /** The head recomputed from the retained links differs from the stored head. */
  HEAD_MISMATCH,
  /** Transfer numbers out of sequence, or transfers ≠ composted + retained links. */
  TRANSFER_COUNT_MISMATCH,
  /** The owner (or previous-owner hash) is not the newest link's, or not the expected owner. */
  OWNER_MISMATCH,
  /** Compost present without composted links, or absent with them. */
  COMPOST_MISMATCH,
  /** More retained links than telomere.tailLinks. */
  TAIL_TOO_LONG,
  /** The transfer number is lower than the token index's: an older state replayed (double-spend alert). */
  REPLAY,
  /** Same transfer number as the token index but another head: a fork of the history (double-spend alert). */
  INDEX_MISMATCH,
  /** The commit check (transaction layer) found no commit certificate for a link's tx id. */
  UNCOMMITTED_LINK;

  /**
   * The error code of a rejection for this reason: signatures and signers UNAUTHENTICATED, a
   * replay or fork CONFLICT (the caller raises the double-spend alert), anything else INVALID_ARGUMENT.
   */
  public ErrorCode errorCode() {
    return switch (this) {
      case BAD_GENESIS_SIGNATURE, BAD_LINK_SIGNATURE, WRONG_SIGNER -> ErrorCode.UNAUTHENTICATED;
      case REPLAY, INDEX_MISMATCH -> ErrorCode.CONFLICT;
      default -> ErrorCode.INVALID_ARGUMENT;
    };
  }
}
