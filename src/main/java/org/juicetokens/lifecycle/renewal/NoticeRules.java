package org.juicetokens.lifecycle.renewal;

import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenState;

import java.util.ArrayList;
import java.util.List;

/**
 * Which expiry notices a token is due (PROTOCOL.md §Lifecycle: 7, 3 and 1 days before expiry). Pure.
 * A threshold is due once the token is within it of its expiry and not yet expired; a token whose
 * whole life is shorter than a threshold never gets that one (a 5-day token gets no 7-day notice).
 * A node that was down past a threshold issues the ones it missed at its next scan, each once (the
 * stored notice is the "once": see NoticeScanner).
 */
final class NoticeRules {
  private NoticeRules() {
  }

  /** The thresholds (in days, from {@code days}) due for {@code token} at {@code nowMs}; {@code beforeMs} are their scaled lengths. */
  static List<Integer> due(Token token, long nowMs, List<Integer> days, List<Long> beforeMs) {
    List<Integer> due = new ArrayList<>();
    if (token.getState() != TokenState.ACTIVE && token.getState() != TokenState.LOCKED) {
      return due;
    }
    long expires = token.getExpiresAtMs();
    if (expires <= nowMs || token.getWissel() && token.getWisselHundredths() == 0) {
      return due;
    }
    for (int i = 0; i < days.size(); i++) {
      long at = expires - beforeMs.get(i);
      if (nowMs >= at && token.getCreatedAtMs() < at) {
        due.add(days.get(i));
      }
    }
    return due;
  }
}
