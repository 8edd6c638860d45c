package org.juicetokens.trust.attestation;

import io.vertx.core.AsyncResult;
import org.juicetokens.common.Errors;
import org.juicetokens.trust.attestation.proto.AttestationStats;
import org.juicetokens.trust.attestation.proto.NodeAttestationStats;

import java.util.Map;

/**
 * The cluster's attestation figures from each member's own counters: one row per member (a member
 * that did not answer is listed with the reason, and adds nothing), and the sums over those that
 * answered — creations per type, verifications per outcome and reason. Pure.
 */
final class AttestationClusterStats {
  private AttestationClusterStats() {
  }

  static AttestationStats combine(Map<String, AsyncResult<AttestationStats>> answers) {
    AttestationStats.Builder sum = AttestationStats.newBuilder();
    answers.forEach((member, answer) -> {
      NodeAttestationStats.Builder row = NodeAttestationStats.newBuilder().setNodeId(member).setAnswered(answer.succeeded());
      if (answer.succeeded()) {
        AttestationStats s = answer.result();
        row.setStats(s);
        sum.setCreatedOk(sum.getCreatedOk() + s.getCreatedOk()).setCreatedRefused(sum.getCreatedRefused() + s.getCreatedRefused())
          .setCreatedFailed(sum.getCreatedFailed() + s.getCreatedFailed())
          .setVerificationsValid(sum.getVerificationsValid() + s.getVerificationsValid())
          .setVerificationsInvalid(sum.getVerificationsInvalid() + s.getVerificationsInvalid());
        s.getCreatedByTypeMap().forEach((type, n) -> sum.putCreatedByType(type, sum.getCreatedByTypeOrDefault(type, 0) + n));
        s.getInvalidByReasonMap().forEach((reason, n) -> sum.putInvalidByReason(reason, sum.getInvalidByReasonOrDefault(reason, 0) + n));
      } else {
        row.setError(Errors.toJuice(answer.cause()).code().name() + ": " + answer.cause().getMessage());
      }
      sum.addNodes(row);
    });
    return sum.build();
  }
}
