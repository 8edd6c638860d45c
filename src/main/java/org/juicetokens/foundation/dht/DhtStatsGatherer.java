package org.juicetokens.foundation.dht;

import io.vertx.core.Future;
import org.juicetokens.common.Errors;
import org.juicetokens.foundation.dht.proto.DhtMapStats;
import org.juicetokens.foundation.dht.proto.DhtMember;
import org.juicetokens.foundation.dht.proto.DhtStats;

import java.util.List;
import java.util.function.Function;

/**
 * Builds the cluster-wide DHT stats: this node's view plus every member's own entry counts
 * (key distribution). A member that does not answer is listed with {@code connected = false}
 * and the reason, so one slow or dying member never fails the whole answer.
 */
public final class DhtStatsGatherer {
  private DhtStatsGatherer() {
  }

  /**
   * @param local   this node's {@link Dht#localStats()}
   * @param members the members as Hazelcast lists them (counts not filled in)
   * @param ask     asks one member for its local stats (must time out on its own)
   */
  public static Future<DhtStats> gather(DhtStats local, List<DhtMember> members, Function<DhtMember, Future<DhtStats>> ask) {
    List<Future<DhtStats>> answers = members.stream().map(m -> {
      try {
        return ask.apply(m);
      } catch (RuntimeException e) {
        return Future.<DhtStats>failedFuture(e);
      }
    }).toList();
    return Future.join(answers).transform(ignored -> {
      DhtStats.Builder stats = local.toBuilder().clearMembers();
      for (int i = 0; i < members.size(); i++) {
        stats.addMembers(withCounts(members.get(i), answers.get(i)));
      }
      return Future.succeededFuture(stats.build());
    });
  }

  private static DhtMember withCounts(DhtMember member, Future<DhtStats> answer) {
    if (answer.failed()) {
      return member.toBuilder()
        .setConnected(false)
        .setError(Errors.toJuice(answer.cause()).code().name() + ": " + answer.cause().getMessage())
        .build();
    }
    long owned = 0;
    long backups = 0;
    for (DhtMapStats map : answer.result().getMapsList()) {
      owned += map.getLocalOwnedEntries();
      backups += map.getLocalBackupEntries();
    }
    return member.toBuilder().setConnected(true).setOwnedEntries(owned).setBackupEntries(backups).build();
  }
}
