package org.juicetokens.token.transaction;

import org.juicetokens.common.JuiceException;
import org.juicetokens.token.creation.Denominations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A party's denomination vector clock (PROTOCOL.md §Transactions): per denomination a 2-bit
 * {@link DenominationStatus} of its holding against the {@link IdealHolding}. Sent in Propose
 * (the payer's, guiding the payee's change) and Accept (the payee's, guiding the payer's choice).
 *
 * <p>Counted: the regular spendable tokens only. The wissel is left out because it never leaves as
 * a whole token, so it is nothing the other party could be given or spared; locked and expired
 * tokens are left out because they cannot move in this exchange. Tokens of a denomination outside
 * the configured set are ignored.
 *
 * <p>Encoding: denomination i (ascending order, i = 0 for 1) in bits 2i..2i+1 of a long, so the
 * standard nine denominations use the low 18 bits; as bytes the same number little-endian in
 * ⌈2n/8⌉ bytes (3 for nine). Decoding is strict: a wrong byte length, or any bit set above the
 * 2n used ones, is INVALID_ARGUMENT. Immutable.
 */
public final class DenominationVectorClock {
  /** 2 bits each in a long. */
  public static final int MAX_DENOMINATIONS = 32;

  private final List<Integer> denominations;
  private final List<DenominationStatus> statuses;

  private DenominationVectorClock(List<Integer> denominations, List<DenominationStatus> statuses) {
    this.denominations = denominations;
    this.statuses = statuses;
  }

  /** The clock of a holding of {@code tokens} (regular spendable tokens). */
  public static DenominationVectorClock of(IdealHolding ideal, Collection<SpendableToken> tokens) {
    Map<Integer, Long> counts = new HashMap<>();
    for (SpendableToken token : tokens) {
      counts.merge(token.denomination(), 1L, Long::sum);
    }
    return ofCounts(ideal, counts);
  }

  /** The clock of a holding given as a count per denomination (missing = 0). */
  public static DenominationVectorClock ofCounts(IdealHolding ideal, Map<Integer, Long> counts) {
    List<Integer> values = checkedValues(ideal.denominations());
    List<DenominationStatus> statuses = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      statuses.add(DenominationStatus.of(counts.getOrDefault(values.get(i), 0L), ideal.counts().get(i)));
    }
    return new DenominationVectorClock(values, List.copyOf(statuses));
  }

  /** Decodes {@link #toLong()}; INVALID_ARGUMENT when a bit above the used ones is set. */
  public static DenominationVectorClock fromLong(Denominations denominations, long encoded) {
    List<Integer> values = checkedValues(denominations);
    long unused = encoded & ~usedMask(values.size());
    if (unused != 0) {
      throw JuiceException.invalidArgument("a vector clock of " + values.size() + " denominations has only "
        + 2 * values.size() + " bits; bits above are set in " + Long.toHexString(encoded));
    }
    List<DenominationStatus> statuses = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      statuses.add(DenominationStatus.fromBits((int) (encoded >>> (2 * i)) & 0b11));
    }
    return new DenominationVectorClock(values, List.copyOf(statuses));
  }

  /** Decodes {@link #toBytes()}; INVALID_ARGUMENT on a wrong length or a stray bit. */
  public static DenominationVectorClock fromBytes(Denominations denominations, byte[] encoded) {
    int expected = byteLength(checkedValues(denominations).size());
    if (encoded == null || encoded.length != expected) {
      throw JuiceException.invalidArgument("a vector clock of " + denominations.values().size() + " denominations is "
        + expected + " bytes, got " + (encoded == null ? "none" : encoded.length));
    }
    long value = 0;
    for (int i = 0; i < encoded.length; i++) {
      value |= (encoded[i] & 0xffL) << (8 * i);
    }
    return fromLong(denominations, value);
  }

  public long toLong() {
    long value = 0;
    for (int i = 0; i < statuses.size(); i++) {
      value |= (long) statuses.get(i).bits() << (2 * i);
    }
    return value;
  }

  public byte[] toBytes() {
    long value = toLong();
    byte[] bytes = new byte[byteLength(statuses.size())];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (value >>> (8 * i));
    }
    return bytes;
  }

  /** The denominations, ascending. */
  public List<Integer> denominations() {
    return denominations;
  }

  /** One status per denomination, in ascending denomination order. */
  public List<DenominationStatus> statuses() {
    return statuses;
  }

  /** The status of {@code denomination}; IllegalArgumentException when it is not one of the clock's. */
  public DenominationStatus status(int denomination) {
    int index = denominations.indexOf(denomination);
    if (index < 0) {
      throw new IllegalArgumentException("denomination " + denomination + " is not one of " + denominations);
    }
    return statuses.get(index);
  }

  /** The selection tie-break weight of giving this party a token of {@code denomination} (0 when unknown). */
  public int preference(int denomination) {
    int index = denominations.indexOf(denomination);
    return index < 0 ? 0 : statuses.get(index).preference();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DenominationVectorClock other && denominations.equals(other.denominations) && statuses.equals(other.statuses);
  }

  @Override
  public int hashCode() {
    return 31 * denominations.hashCode() + statuses.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("VectorClock{");
    for (int i = 0; i < statuses.size(); i++) {
      s.append(i == 0 ? "" : ", ").append(denominations.get(i)).append('=').append(statuses.get(i));
    }
    return s.append('}').toString();
  }

  static int byteLength(int denominationCount) {
    return (2 * denominationCount + 7) / 8;
  }

  private static long usedMask(int denominationCount) {
    return denominationCount == MAX_DENOMINATIONS ? -1L : (1L << (2 * denominationCount)) - 1;
  }

  private static List<Integer> checkedValues(Denominations denominations) {
    List<Integer> values = denominations.values();
    if (values.size() > MAX_DENOMINATIONS) {
      throw new IllegalArgumentException("a vector clock holds at most " + MAX_DENOMINATIONS + " denominations, not " + values.size());
    }
    return values;
  }
}
