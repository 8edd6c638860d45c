package org.juicetokens.token.telomere;

import org.juicetokens.api.v1.HistoryEntry;
import org.juicetokens.api.v1.TokenHistory;
import org.juicetokens.crypto.Hex;
import org.juicetokens.token.proto.SignedGenesis;
import org.juicetokens.token.proto.Telomere;

/**
 * The API form of a token's history (api/v1 TokenHistory, served at
 * {@code GET /api/v1/tokens/{tokenId}/history}): {@link Telomeres#history} plus the verification
 * outcome. Pure; keys and heads in lower-case hex.
 */
public final class TokenHistories {
  private TokenHistories() {
  }

  public static TokenHistory of(String tokenId, SignedGenesis genesis, Telomere telomere, VerifyOptions options) {
    TelomereVerification verification = Telomeres.verify(tokenId, genesis, telomere, options);
    TokenHistory.Builder history = TokenHistory.newBuilder()
      .setTokenId(tokenId)
      .setTransfers(telomere.getTransfers())
      .setComposted(telomere.getComposted())
      .setCompost(Hex.of(telomere.getCompost().toByteArray()))
      .setValid(verification.valid())
      .setFailure(verification.valid() ? "" : verification.reason().name() + ": " + verification.detail());
    for (HistoryStep step : Telomeres.history(tokenId, genesis, telomere)) {
      history.addEntries(HistoryEntry.newBuilder()
        .setTransferNumber(step.transferNumber())
        .setOwnerKey(Hex.of(step.ownerKey()))
        .setSignerKey(Hex.of(step.signerKey()))
        .setTxId(step.txId())
        .setTimestampMs(step.timestampMs())
        .setHead(Hex.of(step.headAfter()))
        .setSignatureValid(step.signatureValid()));
    }
    return history.build();
  }
}
