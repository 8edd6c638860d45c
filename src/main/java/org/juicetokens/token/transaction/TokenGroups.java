package org.juicetokens.token.transaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tokens grouped by denomination (ascending), each group in token id order, as the coin-change
 * search needs them; a choice of counts is turned back into tokens by taking the first ids of
 * each group, so equal choices always name the same tokens.
 */
final class TokenGroups {
  private final int[] values;
  private final List<List<SpendableToken>> groups;

  TokenGroups(List<SpendableToken> tokens) {
    Map<Integer, List<SpendableToken>> byDenomination = new TreeMap<>();
    for (SpendableToken token : tokens) {
      byDenomination.computeIfAbsent(token.denomination(), d -> new ArrayList<>()).add(token);
    }
    values = byDenomination.keySet().stream().mapToInt(Integer::intValue).toArray();
    groups = new ArrayList<>();
    for (List<SpendableToken> group : byDenomination.values()) {
      group.sort(Comparator.comparing(SpendableToken::tokenId));
      groups.add(group);
    }
  }

  int[] values() {
    return values.clone();
  }

  int[] available() {
    return groups.stream().mapToInt(List::size).toArray();
  }

  /** The other party's preference for each denomination, from its vector clock. */
  int[] preference(DenominationVectorClock otherParty) {
    int[] preference = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      preference[i] = otherParty.preference(values[i]);
    }
    return preference;
  }

  int largest() {
    return values.length == 0 ? 0 : values[values.length - 1];
  }

  /** The tokens of a choice, in token id order. */
  List<SpendableToken> tokensOf(BoundedChange.Choice choice) {
    List<SpendableToken> chosen = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      chosen.addAll(groups.get(i).subList(0, choice.counts()[i]));
    }
    chosen.sort(Comparator.comparing(SpendableToken::tokenId));
    return List.copyOf(chosen);
  }
}
