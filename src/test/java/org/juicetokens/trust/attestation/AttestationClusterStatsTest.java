package org.juicetokens.trust.attestation;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import org.juicetokens.common.JuiceException;
import org.juicetokens.trust.attestation.proto.AttestationStats;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AttestationClusterStatsTest {

  @Test
  void sums_the_members_that_answered_and_lists_the_one_that_did_not_with_its_reason() {
    Map<String, AsyncResult<AttestationStats>> answers = new LinkedHashMap<>();
    answers.put("a", Future.succeededFuture(AttestationStats.newBuilder().setCreatedOk(3).putCreatedByType("reliable", 2)
      .putCreatedByType("system", 1).setVerificationsValid(10).setVerificationsInvalid(1).putInvalidByReason("expired", 1).build()));
    answers.put("b", Future.succeededFuture(AttestationStats.newBuilder().setCreatedOk(1).setCreatedRefused(2).putCreatedByType("reliable", 1)
      .setVerificationsInvalid(2).putInvalidByReason("expired", 1).putInvalidByReason("revoked", 1).build()));
    answers.put("c", Future.failedFuture(JuiceException.unavailable("no answer from c", null)));

    AttestationStats sum = AttestationClusterStats.combine(answers);

    assertThat(sum.getCreatedOk()).isEqualTo(4);
    assertThat(sum.getCreatedRefused()).isEqualTo(2);
    assertThat(sum.getCreatedByTypeMap()).containsExactlyInAnyOrderEntriesOf(Map.of("reliable", 3L, "system", 1L));
    assertThat(sum.getVerificationsValid()).isEqualTo(10);
    assertThat(sum.getInvalidByReasonMap()).containsExactlyInAnyOrderEntriesOf(Map.of("expired", 2L, "revoked", 1L));
    assertThat(sum.getNodesList()).extracting(n -> n.getNodeId() + ":" + n.getAnswered()).containsExactly("a:true", "b:true", "c:false");
    assertThat(sum.getNodes(2).getError()).startsWith("UNAVAILABLE").contains("no answer from c");
    assertThat(sum.getNodes(1).getStats().getCreatedRefused()).isEqualTo(2);
  }
}
