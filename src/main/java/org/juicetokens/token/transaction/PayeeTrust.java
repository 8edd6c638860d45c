package org.juicetokens.token.transaction;

import io.vertx.core.Future;
import org.juicetokens.api.v1.TransferRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.trust.attestation.TrustLevel;
import org.juicetokens.trust.attestation.proto.Reputation;
import org.juicetokens.trust.attestation.proto.ReputationRequest;

import java.util.Locale;

/**
 * The payment trust requirement: a transfer naming {@code min_payee_trust_level} starts only when
 * the payee's reputation level (attestation layer, computed on the payee's home node) is at least
 * that level; else PERMISSION_DENIED "trust verification failed". Checked on the payer's home node
 * before planning, so a refused transfer promises no tokens.
 */
final class PayeeTrust {
  private PayeeTrust() {
  }

  static Future<Void> check(TxCalls calls, TransferRequest request) {
    String wanted = request.getMinPayeeTrustLevel().trim();
    if (wanted.isEmpty()) {
      return Future.succeededFuture();
    }
    TrustLevel minimum;
    try {
      minimum = TrustLevel.valueOf(wanted.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(JuiceException.invalidArgument("min_payee_trust_level must be HIGH, MEDIUM, LOW or NONE, not " + wanted));
    }
    return calls.ask(Addresses.ATTESTATION_REPUTATION, ReputationRequest.newBuilder().setIdentityId(request.getToId()).build(),
      3 * calls.timeoutMs(), Reputation.class).compose(reputation -> TrustLevel.valueOf(reputation.getLevel()).atLeast(minimum)
      ? Future.<Void>succeededFuture()
      : Future.failedFuture(new JuiceException(ErrorCode.PERMISSION_DENIED, "trust verification failed: payee " + request.getToId()
        + " is at trust level " + reputation.getLevel() + ", the payment requires " + minimum)));
  }
}
