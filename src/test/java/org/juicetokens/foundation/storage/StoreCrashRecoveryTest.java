package org.juicetokens.foundation.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability across a crash: a child JVM writes synced batches and reports each acknowledgement;
 * it is killed with SIGKILL mid-stream; every acknowledged batch must then be readable, whole,
 * and atomic (both of its families or neither) from the same directory.
 */
class StoreCrashRecoveryTest {
  private static final int ACKS_BEFORE_KILL = 200;

  @TempDir
  Path dir;

  @Test
  void acknowledged_synced_writes_survive_sigkill_and_restart() throws Exception {
    Path storeDir = dir.resolve("store");
    Process child = new ProcessBuilder(
      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      "-Xmx128m", "-XX:+UseSerialGC",
      "-cp", System.getProperty("java.class.path"),
      CrashWriterMain.class.getName(), storeDir.toString())
      .redirectErrorStream(true)
      .start();
    Set<Long> acked = new ConcurrentSkipListSet<>();
    Deque<String> otherOutput = new ArrayDeque<>();
    try {
      CompletableFuture<Boolean> enoughAcks = CompletableFuture.supplyAsync(() -> readAcks(child, acked, otherOutput));
      boolean reached = enoughAcks.get(120, TimeUnit.SECONDS);
      assertThat(reached).as("child reached %d acks; its other output: %s", ACKS_BEFORE_KILL, otherOutput).isTrue();
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

    // generous scan limits: the check below reads every batch written
    try (LocalStore store = LocalStore.open(storeDir, new StoreLimits(64, 16 << 20, 256, CrashWriterMain.MAX_BATCHES))) {
      for (long n : acked) {
        assertThat(store.get(StoreFamily.TOKENS, CrashWriterMain.key(n))).as("tokens of acknowledged batch %d", n)
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(CrashWriterMain.value(n, "tokens")));
        assertThat(store.get(StoreFamily.CHAIN, CrashWriterMain.key(n))).as("chain of acknowledged batch %d", n)
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(CrashWriterMain.value(n, "chain")));
      }
      // batches in flight at the kill may or may not be there, but never half of one
      ScanResult tokens = store.scan(StoreFamily.TOKENS, null, CrashWriterMain.MAX_BATCHES);
      ScanResult chain = store.scan(StoreFamily.CHAIN, null, CrashWriterMain.MAX_BATCHES);
      assertThat(tokens.entries()).extracting(e -> StoreTesting.text(e.key()))
        .containsExactlyElementsOf(chain.entries().stream().map(e -> StoreTesting.text(e.key())).toList());
      assertThat(tokens.truncated()).isFalse();
      assertThat(tokens.entries().size()).isGreaterThanOrEqualTo(acked.size());
    }
  }

  /** Reads the child's output until enough ACK lines; true when reached, false at end of output. */
  private static boolean readAcks(Process child, Set<Long> acked, Deque<String> otherOutput) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          acked.add(Long.parseLong(line.substring(4).trim()));
          if (acked.size() >= ACKS_BEFORE_KILL) {
            return true;
          }
        } else {
          otherOutput.addLast(line);
          if (otherOutput.size() > 20) {
            otherOutput.removeFirst();
          }
        }
      }
      return false;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
