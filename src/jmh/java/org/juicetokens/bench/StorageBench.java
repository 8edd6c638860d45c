package org.juicetokens.bench;

import org.juicetokens.foundation.storage.LocalStore;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.StoreLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * LocalStore latency: synced puts (one writer, and eight writers sharing fsyncs through group
 * commit), unsynced puts, and point reads. Values are 128 bytes, keys 12 bytes, in the WAL family.
 * Run: {@code ./mvnw -Pbench -DskipTests package exec:exec -Djmh.args="StorageBench -f 1 -wi 1 -i 3 -r 2s -w 1s"}.
 * The store lives in a temp directory on the same disk as java.io.tmpdir.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StorageBench {
  private static final int PRELOADED = 10_000;

  @State(Scope.Benchmark)
  public static class Store {
    Path dir;
    LocalStore store;
    final byte[] value = new byte[128];

    @Setup(Level.Trial)
    public void open() throws IOException {
      dir = Files.createTempDirectory("storage-bench");
      store = LocalStore.open(dir, new StoreLimits(1024, 16 << 20, 256, 10_000));
      ThreadLocalRandom.current().nextBytes(value);
      for (int i = 0; i < PRELOADED; i++) {
        store.put(StoreFamily.KV, key(0, i), value, false).join();
      }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      System.out.printf("%n[StorageBench] syncs=%d syncedWrites=%d (%.1f writes per fsync)%n",
        store.syncs(), store.syncedWrites(), store.syncs() == 0 ? 0.0 : (double) store.syncedWrites() / store.syncs());
      store.close();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Each benchmark thread writes its own key range. */
  @State(Scope.Thread)
  public static class Writer {
    private static final java.util.concurrent.atomic.AtomicInteger IDS = new java.util.concurrent.atomic.AtomicInteger(1);
    final int id = IDS.getAndIncrement();
    int next;
  }

  static byte[] key(int writer, int n) {
    return ByteBuffer.allocate(12).putInt(writer).putLong(n).array();
  }

  @Benchmark
  @Threads(1)
  public Object syncedPut(Store s, Writer w) {
    return s.store.put(StoreFamily.WAL, key(w.id, w.next++), s.value, true).join();
  }

  @Benchmark
  @Threads(8)
  public Object syncedPut8Writers(Store s, Writer w) {
    return s.store.put(StoreFamily.WAL, key(w.id, w.next++), s.value, true).join();
  }

  @Benchmark
  @Threads(1)
  public Object unsyncedPut(Store s, Writer w) {
    return s.store.put(StoreFamily.WAL, key(w.id, w.next++), s.value, false).join();
  }

  @Benchmark
  @Threads(1)
  public void get(Store s, Blackhole hole) {
    Optional<byte[]> value = s.store.get(StoreFamily.KV, key(0, ThreadLocalRandom.current().nextInt(PRELOADED)));
    hole.consume(value);
  }
}
