package org.juicetokens.token.audit;

import org.juicetokens.common.JuiceException;
import org.juicetokens.token.creation.TokenIds;
import org.juicetokens.token.proto.AuditPart;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenState;
import org.juicetokens.token.transaction.proto.TxRecord;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;

/**
 * One member's part of the audit, added up from what it read: its stored tokens (a token's value
 * is its denomination × 100, a wissel's its {@code wissel_hundredths}; expired when its state is
 * EXPIRED or {@code expires_at_ms <= now}), the open sides of its WAL (IN_DOUBT; a PAYER side
 * COMMITTED and not finalized is in flight: its tokens left the payer and may not have reached
 * the payee) and the DHT token index keys it owns (minted: each id's VALUE × 100). Pure.
 */
final class AuditTally {
  private final AuditPart.Builder part;
  private final long nowMs;

  AuditTally(String nodeId, long nowMs) {
    this.part = AuditPart.newBuilder().setNodeId(nodeId).setAtMs(nowMs);
    this.nowMs = nowMs;
  }

  static long valueHundredths(Token token) {
    return token.getWissel() ? token.getWisselHundredths() : token.getDenomination() * 100L;
  }

  static boolean expired(Token token, long nowMs) {
    return token.getState() == TokenState.EXPIRED || (token.getExpiresAtMs() > 0 && token.getExpiresAtMs() <= nowMs);
  }

  AuditTally token(Token token) {
    if (token.getState() == TokenState.RENEWED) {
      // replaced by a renewal: its index entry stays (minted), its replacement is minted and held too
      part.setRenewedHundredths(part.getRenewedHundredths() + token.getDenomination() * 100L);
    } else if (expired(token, nowMs)) {
      part.setExpiredHundredths(part.getExpiredHundredths() + valueHundredths(token));
    } else {
      part.setHeldHundredths(part.getHeldHundredths() + valueHundredths(token));
    }
    if (token.getState() == TokenState.LOCKED) {
      part.setLockedTokens(part.getLockedTokens() + 1);
    }
    part.addTokenIds(token.getId());
    return this;
  }

  /** A side with an {@code open/} marker. */
  AuditTally openSide(TxRecord record) {
    if (record.getState() == TxState.IN_DOUBT) {
      part.setInDoubt(part.getInDoubt() + 1);
    }
    if (record.getRole() == TxRole.PAYER && record.getState() == TxState.COMMITTED && !record.getFinalized()) {
      part.setInFlight(part.getInFlight() + 1);
    }
    return this;
  }

  /** A renewal reward paid from the owner's wissel and not yet on the facilitator's: value in flight. */
  AuditTally rewardInTransit(String key) {
    part.setInFlight(part.getInFlight() + 1);
    return problem("renewal reward in transit to its facilitator: " + key);
  }

  /** A jt.tokenIndex key this member owns. */
  AuditTally indexKey(String tokenId) {
    try {
      part.setMintedHundredths(part.getMintedHundredths() + TokenIds.parse(tokenId, Integer.MAX_VALUE).denomination() * 100L);
      part.setIndexEntries(part.getIndexEntries() + 1);
    } catch (JuiceException e) {
      problem("token index key not a token id: " + e.getMessage());
    }
    return this;
  }

  AuditTally problem(String text) {
    part.addProblems(part.getNodeId() + ": " + text);
    return this;
  }

  AuditPart build() {
    return part.build();
  }
}
