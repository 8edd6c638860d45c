package org.juicetokens.lifecycle.renewal;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenState;

import java.util.concurrent.TimeUnit;

/**
 * Who may renew what (PROTOCOL.md §Lifecycle), checked before anything is signed or written. Pure.
 * The owner renews its token before it expires; an expired token only through a facilitator, another
 * identity, who earns a percentage of its value in hundredths (rounded down), paid by the owner.
 */
final class RenewalRules {
  /** Token-age bucket labels (bounded: a metric label). */
  static final String[] AGE_BUCKETS = {"<30d", "30-180d", "180-365d", ">=365d"};

  private RenewalRules() {
  }

  /** Throws the reason {@code token} may not be renewed by this request at {@code nowMs}. */
  static void check(Token token, String requesterId, String facilitatorId, long nowMs) {
    if (requesterId.isBlank()) {
      throw JuiceException.invalidArgument("requesterId is required");
    }
    if (!token.getOwnerId().equals(requesterId)) {
      throw new JuiceException(ErrorCode.PERMISSION_DENIED, "not the owner: " + requesterId + " does not own token " + token.getId());
    }
    if (token.getState() == TokenState.RENEWED) {
      throw new JuiceException(ErrorCode.CONFLICT, "token " + token.getId() + " is already renewed");
    }
    if (token.getState() != TokenState.ACTIVE && token.getState() != TokenState.EXPIRED) {
      throw new JuiceException(ErrorCode.CONFLICT, "token " + token.getId() + " is " + token.getState() + ", not renewable now");
    }
    if (token.getWissel()) {
      throw JuiceException.invalidArgument("token " + token.getId() + " is the wissel: it is not renewed on its own");
    }
    boolean facilitated = !facilitatorId.isBlank();
    if (facilitated && facilitatorId.equals(requesterId)) {
      throw JuiceException.invalidArgument("the facilitator must be another identity than the requester");
    }
    boolean expired = expired(token, nowMs);
    if (expired && !facilitated) {
      throw new JuiceException(ErrorCode.CONFLICT, "token " + token.getId() + " has expired: it is renewed only through a facilitator");
    }
    if (!expired && facilitated) {
      throw JuiceException.invalidArgument("token " + token.getId() + " has not expired: its owner renews it without a facilitator");
    }
  }

  static boolean expired(Token token, long nowMs) {
    return token.getState() == TokenState.EXPIRED || token.getExpiresAtMs() <= nowMs;
  }

  /** The facilitator's reward: {@code percent} of the value, in whole hundredths (rounded down). */
  static long reward(long valueHundredths, double percent) {
    return (long) Math.floor(valueHundredths * percent / 100.0 + 1e-9);
  }

  /** The age bucket of a token created at {@code createdAtMs}, in protocol days (ages scaled back by the time scale). */
  static String ageBucket(long createdAtMs, long nowMs, double timeScale) {
    double days = (nowMs - createdAtMs) * timeScale / TimeUnit.DAYS.toMillis(1);
    if (days < 30) {
      return AGE_BUCKETS[0];
    }
    if (days < 180) {
      return AGE_BUCKETS[1];
    }
    return days < 365 ? AGE_BUCKETS[2] : AGE_BUCKETS[3];
  }
}
