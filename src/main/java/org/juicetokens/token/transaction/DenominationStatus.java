package org.juicetokens.token.transaction;

/**
 * How well one denomination is stocked against the ideal holding (PROTOCOL.md §Transactions,
 * denomination vector clock). The 2-bit wire value is fixed here, never the ordinal.
 */
public enum DenominationStatus {
  /** Below 50 % of the ideal count. */
  LACK(0b00),
  /** From 50 % up to (not including) 100 %. */
  SLIGHTLY_WANTING(0b01),
  /** From 100 % up to and including 150 %. */
  GOOD(0b10),
  /** Above 150 %. */
  ABUNDANCE(0b11);

  private final int bits;

  DenominationStatus(int bits) {
    this.bits = bits;
  }

  public int bits() {
    return bits;
  }

  /** LACK or SLIGHTLY_WANTING: the holder would like more tokens of this denomination. */
  public boolean wanting() {
    return this == LACK || this == SLIGHTLY_WANTING;
  }

  /**
   * The tie-break weight a selection gives a token of this denomination for the other party:
   * 2 when it lacks it, 1 when slightly wanting, 0 otherwise.
   */
  public int preference() {
    return switch (this) {
      case LACK -> 2;
      case SLIGHTLY_WANTING -> 1;
      default -> 0;
    };
  }

  public static DenominationStatus fromBits(int bits) {
    for (DenominationStatus status : values()) {
      if (status.bits == bits) {
        return status;
      }
    }
    throw new IllegalArgumentException("not a 2-bit status: " + bits);
  }

  /**
   * The status of holding {@code count} tokens where {@code ideal} are wanted (ideal ≥ 1), in
   * integer arithmetic: LACK when 2·count &lt; ideal, SLIGHTLY_WANTING when count &lt; ideal, GOOD
   * when 2·count ≤ 3·ideal, ABUNDANCE above.
   */
  public static DenominationStatus of(long count, int ideal) {
    if (ideal < 1 || count < 0) {
      throw new IllegalArgumentException("count " + count + " against ideal " + ideal);
    }
    if (2 * count < ideal) {
      return LACK;
    }
    if (count < ideal) {
      return SLIGHTLY_WANTING;
    }
    return 2 * count <= 3L * ideal ? GOOD : ABUNDANCE;
  }
}
