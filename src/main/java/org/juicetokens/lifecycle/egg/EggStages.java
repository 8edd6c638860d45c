package org.juicetokens.lifecycle.egg;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.lifecycle.egg.proto.Egg;
import org.juicetokens.lifecycle.egg.proto.EggStage;

/**
 * The egg's stage machine (PROTOCOL.md §Lifecycle), strictly forward: DORMANT → FERTILIZED →
 * INCUBATING → HATCHING → ACTIVE, or DORMANT → EXPIRED at the end of dormancy. Each stage's
 * deadline follows from the previous deadline, not from when a step ran, so a node that was down
 * catches up one step at a time to where it would have been. Pure.
 */
public final class EggStages {
  private EggStages() {
  }

  /** What is due for an egg at {@code nowMs}. */
  public enum Due { NOTHING, EXPIRE, ADVANCE, HATCH }

  public static boolean isFinal(EggStage stage) {
    return stage == EggStage.ACTIVE || stage == EggStage.EXPIRED;
  }

  /** When the egg's current stage ends (0 for a final stage). */
  public static long deadline(Egg egg) {
    return switch (egg.getStage()) {
      case DORMANT -> egg.getDormantUntilMs();
      case FERTILIZED, INCUBATING, HATCHING -> egg.getNextDeadlineMs();
      default -> 0;
    };
  }

  public static Due due(Egg egg, long nowMs) {
    if (isFinal(egg.getStage()) || nowMs < deadline(egg)) {
      return Due.NOTHING;
    }
    return switch (egg.getStage()) {
      case DORMANT -> Due.EXPIRE;
      case HATCHING -> Due.HATCH;
      default -> Due.ADVANCE;
    };
  }

  /**
   * The egg fertilized at {@code nowMs} by {@code proof}; CONFLICT when it is not DORMANT (already
   * fertilized, hatched or expired) or its dormancy is over.
   */
  public static Egg fertilize(Egg egg, String proof, long nowMs, EggDurations d) {
    if (egg.getStage() == EggStage.EXPIRED || (egg.getStage() == EggStage.DORMANT && nowMs >= egg.getDormantUntilMs())) {
      throw new JuiceException(ErrorCode.CONFLICT, "egg " + egg.getId() + " has expired (dormant until " + egg.getDormantUntilMs() + ")");
    }
    if (egg.getStage() != EggStage.DORMANT) {
      throw new JuiceException(ErrorCode.CONFLICT, "egg " + egg.getId() + " is already fertilized (stage " + egg.getStage() + ")");
    }
    return egg.toBuilder().setStage(EggStage.FERTILIZED).setStageSinceMs(nowMs).setFertilizedAtMs(nowMs).setProof(proof)
      .setNextDeadlineMs(nowMs + d.fertilizedMs()).build();
  }

  /** FERTILIZED → INCUBATING or INCUBATING → HATCHING, once its deadline passed. */
  public static Egg advance(Egg egg, EggDurations d) {
    long ended = egg.getNextDeadlineMs();
    return switch (egg.getStage()) {
      case FERTILIZED -> egg.toBuilder().setStage(EggStage.INCUBATING).setStageSinceMs(ended).setNextDeadlineMs(ended + d.incubatingMs()).build();
      case INCUBATING -> egg.toBuilder().setStage(EggStage.HATCHING).setStageSinceMs(ended).setNextDeadlineMs(ended + d.hatchingMs()).build();
      default -> throw new IllegalStateException("egg " + egg.getId() + " cannot advance from " + egg.getStage());
    };
  }

  public static Egg expire(Egg egg) {
    require(egg, EggStage.DORMANT);
    return egg.toBuilder().setStage(EggStage.EXPIRED).setStageSinceMs(egg.getDormantUntilMs()).setNextDeadlineMs(0).build();
  }

  public static Egg hatched(Egg egg, long nowMs) {
    require(egg, EggStage.HATCHING);
    return egg.toBuilder().setStage(EggStage.ACTIVE).setStageSinceMs(egg.getNextDeadlineMs()).setHatchedAtMs(nowMs).setNextDeadlineMs(0).build();
  }

  /** How far the maturation is (0 until fertilized, 100 once hatched; an expired egg 0). */
  public static int percent(Egg egg, long nowMs, EggDurations d) {
    return switch (egg.getStage()) {
      case ACTIVE -> 100;
      case FERTILIZED, INCUBATING, HATCHING -> {
        double done = (double) (nowMs - egg.getFertilizedAtMs()) / d.maturationMs();
        yield (int) Math.max(0, Math.min(99, Math.floor(done * 100)));
      }
      default -> 0;
    };
  }

  private static void require(Egg egg, EggStage stage) {
    if (egg.getStage() != stage) {
      throw new IllegalStateException("egg " + egg.getId() + " is " + egg.getStage() + ", expected " + stage);
    }
  }
}
