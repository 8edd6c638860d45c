package org.juicetokens.lifecycle.egg;

import io.vertx.core.Future;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the work on one key (an egg) one after the other, so a read-check-write of an egg never
 * interleaves with another (a fertilization and a timer step, two fertilizations). Event-loop only.
 */
final class KeyedQueue {
  private final Map<String, Future<?>> tails = new HashMap<>();

  <T> Future<T> run(String key, Supplier<Future<T>> work) {
    Future<?> previous = tails.getOrDefault(key, Future.succeededFuture());
    Future<T> mine = previous.transform(ignored -> {
      try {
        return work.get();
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    });
    tails.put(key, mine);
    mine.onComplete(ar -> tails.remove(key, mine));
    return mine;
  }
}
