package org.juicetokens.governance.health;

/**
 * A measured quantity's two limits: at or above {@code degradedAt} the component is DEGRADED, at
 * or above {@code downAt} DOWN. A limit of 0 or less is off (a quantity with only a DEGRADED
 * limit never makes its component DOWN). The load is the value as a share of the highest limit
 * in use, 0-100: 100 % means "at the limit that matters most".
 */
public record Threshold(double degradedAt, double downAt) {

  public static Threshold degradedOnly(double degradedAt) {
    return new Threshold(degradedAt, 0);
  }

  public ComponentStatus status(double value) {
    if (downAt > 0 && value >= downAt) {
      return ComponentStatus.DOWN;
    }
    if (degradedAt > 0 && value >= degradedAt) {
      return ComponentStatus.DEGRADED;
    }
    return ComponentStatus.UP;
  }

  public double loadPercent(double value) {
    double limit = downAt > 0 ? downAt : degradedAt;
    return limit <= 0 ? 0 : Load.percent(value / limit * 100);
  }
}
