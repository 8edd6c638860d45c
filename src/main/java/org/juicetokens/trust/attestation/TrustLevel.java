package org.juicetokens.trust.attestation;

/** Trust levels, strongest first. Propagated trust is the weakest level along a path. */
public enum TrustLevel {
  HIGH, MEDIUM, LOW, NONE;

  /** The level a strength 0–100 expresses: 75+ HIGH, 50+ MEDIUM, 25+ LOW, else NONE. */
  public static TrustLevel ofStrength(int strength) {
    return strength >= 75 ? HIGH : strength >= 50 ? MEDIUM : strength >= 25 ? LOW : NONE;
  }

  /** The level of a reputation score 0–1, on the same quarters. */
  public static TrustLevel ofScore(double score) {
    return ofStrength((int) Math.floor(score * 100));
  }

  public TrustLevel weakest(TrustLevel other) {
    return ordinal() >= other.ordinal() ? this : other;
  }

  public boolean atLeast(TrustLevel other) {
    return ordinal() <= other.ordinal();
  }
}
