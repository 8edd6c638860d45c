package org.juicetokens.token.telomere;

/**
 * What {@link Telomeres#verify} checks beyond the telomere's own consistency.
 *
 * @param issuerKey              the issuer key the genesis record must name and be signed by; null = the record's own issuer_key
 * @param expectedOwnerKey       the current owner the caller expects; null = not checked
 * @param indexedTransferNumber  the token index's transfer number (DHT jt.tokenIndex); -1 = not checked.
 *                               Lower telomere transfers → {@link FailureReason#REPLAY}
 * @param indexedHead            the token index's head, compared when the transfer numbers are equal; null = not checked
 * @param tailLinks              the longest tail accepted (setting telomere.tailLinks)
 * @param commitCheck            the transaction layer's commit-certificate check per link; null = not checked
 *                               (until the transaction issue provides it)
 */
public record VerifyOptions(byte[] issuerKey, byte[] expectedOwnerKey, long indexedTransferNumber, byte[] indexedHead,
                            int tailLinks, CommitCheck commitCheck) {

  /** Only the telomere's own consistency, with tails up to {@code tailLinks}. */
  public static VerifyOptions of(int tailLinks) {
    return new VerifyOptions(null, null, -1, null, tailLinks, null);
  }

  public VerifyOptions withIssuerKey(byte[] key) {
    return new VerifyOptions(key, expectedOwnerKey, indexedTransferNumber, indexedHead, tailLinks, commitCheck);
  }

  public VerifyOptions withExpectedOwner(byte[] key) {
    return new VerifyOptions(issuerKey, key, indexedTransferNumber, indexedHead, tailLinks, commitCheck);
  }

  /** Compare with the token index entry: its transfer number and (when equal to ours) its head. */
  public VerifyOptions withIndex(long transferNumber, byte[] head) {
    return new VerifyOptions(issuerKey, expectedOwnerKey, transferNumber, head, tailLinks, commitCheck);
  }

  public VerifyOptions withCommitCheck(CommitCheck check) {
    return new VerifyOptions(issuerKey, expectedOwnerKey, indexedTransferNumber, indexedHead, tailLinks, check);
  }
}
