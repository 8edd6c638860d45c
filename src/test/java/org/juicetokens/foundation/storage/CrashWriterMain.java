package org.juicetokens.foundation.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The child process of {@link StoreCrashRecoveryTest}: opens a LocalStore on the directory given
 * as its argument and, from a few threads, writes synced two-family batches in a loop, printing
 * {@code ACK <n>} once batch n is acknowledged. It never stops by itself: the test kills it.
 * It exits when its stdin closes (the test JVM is gone), so it cannot outlive a broken test run.
 */
public final class CrashWriterMain {
  static final int THREADS = 4;
  static final int MAX_BATCHES = 100_000;

  private CrashWriterMain() {
  }

  static byte[] key(long n) {
    return String.format("n/%08d", n).getBytes(StandardCharsets.UTF_8);
  }

  /** A value that shows both which batch wrote it and that it is whole. */
  static byte[] value(long n, String family) {
    return (family + ":" + n + ":" + "x".repeat(64) + ":" + Long.toHexString(n * 0x9E3779B97F4A7C15L)).getBytes(StandardCharsets.UTF_8);
  }

  public static void main(String[] args) throws Exception {
    Thread watchdog = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // nothing to read: the test never writes to us
        }
      } catch (IOException e) {
        // treated as end of input
      }
      System.exit(3);
    });
    watchdog.setDaemon(true);
    watchdog.start();

    LocalStore store = LocalStore.open(Path.of(args[0]), StoreTesting.SMALL);
    CountDownLatch done = new CountDownLatch(THREADS);
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      new Thread(() -> {
        for (long n = thread; n < MAX_BATCHES; n += THREADS) {
          store.batch(List.of(
            WriteOp.put(StoreFamily.TOKENS, key(n), value(n, "tokens")),
            WriteOp.put(StoreFamily.CHAIN, key(n), value(n, "chain"))), true).join();
          System.out.println("ACK " + n);
          System.out.flush();
        }
        done.countDown();
      }, "crash-writer-" + t).start();
    }
    done.await();
    store.close();
  }
}
