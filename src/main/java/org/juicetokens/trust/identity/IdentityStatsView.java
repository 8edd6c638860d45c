package org.juicetokens.trust.identity;

import org.juicetokens.trust.identity.proto.IdentityStats;

/** This node's identity figures for the admin console (IDENTITY_STATS). */
final class IdentityStatsView {
  static final int LATEST = 10;

  private IdentityStatsView() {
  }

  static IdentityStats of(HomedIdentities homed, IdentityMeters meters) {
    return IdentityStats.newBuilder()
      .setHomed(homed.size())
      .addAllLatest(homed.latest(LATEST))
      .setKeyGenerationMeanMs(meters.keyGenerationMeanMs())
      .setKeyGenerationMaxMs(meters.keyGenerationMaxMs())
      .setVerificationsValid(meters.valid())
      .setVerificationsRejected(meters.rejectedCount())
      .putAllRejectionsByReason(meters.rejectionsByReason())
      .setMasterKeyLoaded(true)
      .build();
  }
}
