package org.juicetokens.foundation.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.foundation.storage.StoreTesting.SMALL;
import static org.juicetokens.foundation.storage.StoreTesting.bytes;

class LocalStoreGroupCommitTest {
  @TempDir
  Path dir;

  @Test
  void concurrent_synced_writes_share_fsyncs_and_all_survive_reopen() throws Exception {
    int writers = 8;
    int perWriter = 50;
    List<CompletableFuture<WriteResult>> acks = new CopyOnWriteArrayList<>();
    long syncs;
    try (LocalStore store = LocalStore.open(dir, SMALL)) {
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      try {
        for (int w = 0; w < writers; w++) {
          int writer = w;
          pool.execute(() -> {
            for (int i = 0; i < perWriter; i++) {
              acks.add(store.put(StoreFamily.WAL, bytes(writer + "/" + i), bytes("decision " + writer + "/" + i), true));
            }
          });
        }
      } finally {
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

      assertThat(acks).hasSize(writers * perWriter).allSatisfy(a -> assertThat(a.join().synced()).isTrue());
      assertThat(store.syncedWrites()).isEqualTo(writers * perWriter);
      syncs = store.syncs();
      assertThat(syncs).isPositive().isLessThan(writers * perWriter);
    }

    try (LocalStore reopened = LocalStore.open(dir, SMALL)) {
      for (int w = 0; w < writers; w++) {
        for (int i = 0; i < perWriter; i++) {
          assertThat(reopened.get(StoreFamily.WAL, bytes(w + "/" + i)).map(StoreTesting::text)).contains("decision " + w + "/" + i);
        }
      }
    }
  }
}
