package org.juicetokens.foundation.time;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeRequest;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Waiting helpers for the time tests (called from the JUnit thread, never from Vert.x). */
final class TimeTestSupport {
  private TimeTestSupport() {
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static TimeReading now(Vertx vertx) throws Exception {
    return await(Bus.request(vertx.eventBus(), Addresses.TIME_NOW, TimeRequest.getDefaultInstance(), 5_000, TimeReading.class));
  }

  /** Polls TIME_NOW until the reading satisfies {@code condition}; fails with the last reading after {@code timeoutMs}. */
  static TimeReading eventually(Vertx vertx, Predicate<TimeReading> condition, long timeoutMs) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    TimeReading last = now(vertx);
    while (!condition.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within " + timeoutMs + " ms; last reading: " + last);
      }
      Thread.sleep(100);
      last = now(vertx);
    }
    return last;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
