package org.juicetokens.foundation.dht;

import io.vertx.core.Future;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.proto.DhtMapStats;
import org.juicetokens.foundation.dht.proto.DhtMember;
import org.juicetokens.foundation.dht.proto.DhtStats;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DhtStatsGathererTest {
  private static final DhtStats LOCAL = counts(5, 1).toBuilder().setClusterSize(3).setClusterState("ACTIVE").setGets(7).build();

  private static DhtStats counts(long owned, long backups) {
    return DhtStats.newBuilder()
      .addMaps(DhtMapStats.newBuilder().setName(DhtMaps.KV).setLocalOwnedEntries(owned).setLocalBackupEntries(backups))
      .addMaps(DhtMapStats.newBuilder().setName(DhtMaps.IDENTITIES).setLocalOwnedEntries(1).setLocalBackupEntries(1))
      .build();
  }

  private static DhtMember member(String id, boolean local) {
    return DhtMember.newBuilder().setNodeId(id).setAddress("127.0.0.1:1").setLocal(local).build();
  }

  @Test
  void every_member_is_listed_with_its_summed_counts() {
    DhtStats stats = DhtStatsGatherer.gather(LOCAL, List.of(member("a", true), member("b", false)),
      m -> Future.succeededFuture(m.getLocal() ? LOCAL : counts(10, 4))).await();

    assertThat(stats.getGets()).isEqualTo(7);
    assertThat(stats.getClusterSize()).isEqualTo(3);
    assertThat(stats.getMembersList()).extracting(DhtMember::getNodeId, DhtMember::getConnected, DhtMember::getOwnedEntries,
      DhtMember::getBackupEntries).containsExactly(
      org.assertj.core.groups.Tuple.tuple("a", true, 6L, 2L),
      org.assertj.core.groups.Tuple.tuple("b", true, 11L, 5L));
  }

  @Test
  void a_member_that_does_not_answer_is_reported_disconnected_with_the_reason() {
    DhtStats stats = DhtStatsGatherer.gather(LOCAL, List.of(member("a", true), member("b", false), member("c", false)), m -> switch (m.getNodeId()) {
      case "a" -> Future.succeededFuture(LOCAL);
      case "b" -> Future.failedFuture(new JuiceException(ErrorCode.UNAVAILABLE, "no answer in time"));
      default -> throw new IllegalStateException("bus closed");
    }).await();

    assertThat(stats.getMembersList()).hasSize(3);
    assertThat(stats.getMembers(1).getConnected()).isFalse();
    assertThat(stats.getMembers(1).getError()).startsWith("UNAVAILABLE").contains("no answer in time");
    assertThat(stats.getMembers(2).getConnected()).isFalse();
    assertThat(stats.getMembers(2).getError()).contains("bus closed");
    assertThat(stats.getMembers(0).getConnected()).isTrue();
  }
}
