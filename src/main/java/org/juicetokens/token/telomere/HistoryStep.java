package org.juicetokens.token.telomere;

/**
 * One ownership step (api/v1 HistoryEntry): the genesis (transfer 0, signed by the issuer) or a
 * retained link (signed by the previous owner). Keys and heads are the raw bytes.
 *
 * @param headAfter      the telomere head after this step
 * @param signatureValid whether this step's signature verifies under {@code signerKey}
 */
public record HistoryStep(long transferNumber, byte[] ownerKey, byte[] signerKey, String txId, long timestampMs,
                          byte[] headAfter, boolean signatureValid) {
}
