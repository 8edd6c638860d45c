package org.juicetokens.lifecycle.egg;

import org.juicetokens.api.v1.EggView;
import org.juicetokens.api.v1.GenesisPoolView;
import org.juicetokens.crypto.Hex;
import org.juicetokens.lifecycle.egg.proto.Egg;
import org.juicetokens.lifecycle.egg.proto.GenesisPool;

/** What the API shows of pools and eggs (never an egg's entropy). Pure. */
final class EggViews {
  private EggViews() {
  }

  static EggView egg(Egg egg, long nowMs, EggDurations d) {
    return EggView.newBuilder()
      .setId(egg.getId()).setBatchId(egg.getBatchId()).setPoolId(egg.getPoolId()).setReference(egg.getReference())
      .setDenomination(egg.getDenomination()).setOwnerId(egg.getOwnerId()).setIssuerId(egg.getIssuerId())
      .setDormancySeal(Hex.of(egg.getDormancySeal().toByteArray())).setHatchingCondition(egg.getHatchingCondition())
      .setDormantUntilMs(egg.getDormantUntilMs()).setStage(egg.getStage()).setCompletionPercent(EggStages.percent(egg, nowMs, d))
      .setNextDeadlineMs(EggStages.deadline(egg)).setTokenId(egg.getTokenId()).setProof(egg.getProof())
      .setCreatedAtMs(egg.getCreatedAtMs())
      .build();
  }

  static GenesisPoolView pool(GenesisPool pool) {
    return GenesisPoolView.newBuilder().setPoolId(pool.getId()).addAllMemberIds(pool.getMemberIdsList())
      .setIssuerId(pool.getIssuerId()).setCreatedAtMs(pool.getCreatedAtMs()).build();
  }
}
