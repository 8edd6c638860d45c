package org.juicetokens.foundation.dht;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Asking every cluster member the same question (audit, admin figures): the member list is
 * Hazelcast's local view, read on a worker as every Hazelcast call; this node answers itself
 * without the bus; every answer or failure is kept, so one slow or dying member never fails the
 * whole answer (each remote ask must time out on its own).
 */
public final class ClusterFanOut {
  private ClusterFanOut() {
  }

  /** The members' node ids, as this node's Hazelcast sees them now. */
  public static Future<List<String>> memberIds(Vertx vertx, HazelcastInstance hazelcast) {
    return vertx.executeBlocking(() -> hazelcast.getCluster().getMembers().stream().map(Dht::nodeIdOf).toList(), false);
  }

  /** Member → its answer or failure, in member order; completes when every ask has. */
  public static <T> Future<Map<String, AsyncResult<T>>> ask(List<String> members, String self, Supplier<Future<T>> local,
                                                            Function<String, Future<T>> remote) {
    List<Future<T>> asks = new ArrayList<>();
    for (String member : members) {
      Future<T> answer;
      try {
        answer = member.equals(self) ? local.get() : remote.apply(member);
      } catch (RuntimeException e) {
        answer = Future.failedFuture(e);
      }
      asks.add(answer);
    }
    return Future.join(asks).transform(ignored -> {
      Map<String, AsyncResult<T>> answers = new LinkedHashMap<>();
      for (int i = 0; i < members.size(); i++) {
        answers.put(members.get(i), asks.get(i));
      }
      return Future.succeededFuture(answers);
    });
  }
}
