package org.juicetokens.foundation.storage;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.storage.proto.StorageStats;
import org.juicetokens.foundation.storage.proto.StoreAck;
import org.juicetokens.node.config.NodeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.juicetokens.foundation.storage.StoreTesting.SMALL;
import static org.juicetokens.foundation.storage.StoreTesting.bytes;
import static org.juicetokens.foundation.storage.StoreTesting.done;
import static org.juicetokens.foundation.storage.StoreTesting.failureOf;
import static org.juicetokens.foundation.storage.StoreTesting.text;
import static org.juicetokens.foundation.storage.StoreTesting.thrownBy;

class LocalStoreTest {
  @TempDir
  Path dir;
  private LocalStore store;

  @BeforeEach
  void open() {
    store = LocalStore.open(dir, SMALL);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private LocalStore reopen() {
    store.close();
    store = LocalStore.open(dir, SMALL);
    return store;
  }

  @Test
  void put_then_get_round_trips_bytes_synced_and_unsynced() {
    WriteResult unsynced = done(store.put(StoreFamily.KV, bytes("a"), bytes("alpha"), false));
    WriteResult synced = done(store.put(StoreFamily.KV, bytes("b"), bytes("beta"), true));

    assertThat(unsynced).isEqualTo(new WriteResult(6, false));
    assertThat(synced).isEqualTo(new WriteResult(5, true));
    assertThat(store.get(StoreFamily.KV, bytes("a")).map(StoreTesting::text)).contains("alpha");
    assertThat(store.get(StoreFamily.KV, bytes("b")).map(StoreTesting::text)).contains("beta");
  }

  @Test
  void missing_key_reads_as_empty() {
    assertThat(store.get(StoreFamily.TOKENS, bytes("nothing"))).isEmpty();
  }

  @Test
  void an_empty_value_is_a_value() {
    // a protobuf record with all fields at their defaults serializes to zero bytes
    done(store.put(StoreFamily.META, bytes("empty"), new byte[0], false));
    assertThat(store.get(StoreFamily.META, bytes("empty"))).hasValueSatisfying(v -> assertThat(v).isEmpty());
  }

  @Test
  void put_overwrites_and_delete_removes() {
    done(store.put(StoreFamily.KV, bytes("k"), bytes("1"), false));
    done(store.put(StoreFamily.KV, bytes("k"), bytes("2"), true));
    assertThat(store.get(StoreFamily.KV, bytes("k")).map(StoreTesting::text)).contains("2");

    done(store.delete(StoreFamily.KV, bytes("k"), true));
    assertThat(store.get(StoreFamily.KV, bytes("k"))).isEmpty();
  }

  @Test
  void families_keep_their_keys_apart() {
    done(store.put(StoreFamily.TOKENS, bytes("same"), bytes("token"), false));
    done(store.put(StoreFamily.EGGS, bytes("same"), bytes("egg"), false));

    assertThat(store.get(StoreFamily.TOKENS, bytes("same")).map(StoreTesting::text)).contains("token");
    assertThat(store.get(StoreFamily.EGGS, bytes("same")).map(StoreTesting::text)).contains("egg");
    assertThat(store.get(StoreFamily.KV, bytes("same"))).isEmpty();
  }

  @Test
  void scan_returns_prefix_matches_in_key_order_up_to_the_limit() {
    for (String key : List.of("t/3", "t/1", "u/1", "t/2", "s/9", "t/4")) {
      done(store.put(StoreFamily.TOKENS, bytes(key), bytes("v" + key), false));
    }

    ScanResult firstTwo = store.scan(StoreFamily.TOKENS, bytes("t/"), 2);
    assertThat(firstTwo.entries()).extracting(e -> text(e.key())).containsExactly("t/1", "t/2");
    assertThat(firstTwo.entries()).extracting(e -> text(e.value())).containsExactly("vt/1", "vt/2");
    assertThat(firstTwo.truncated()).isTrue();

    ScanResult all = store.scan(StoreFamily.TOKENS, bytes("t/"), 10);
    assertThat(all.entries()).extracting(e -> text(e.key())).containsExactly("t/1", "t/2", "t/3", "t/4");
    assertThat(all.truncated()).isFalse();

    ScanResult exact = store.scan(StoreFamily.TOKENS, bytes("t/"), 4);
    assertThat(exact.entries()).hasSize(4);
    assertThat(exact.truncated()).isFalse();
  }

  @Test
  void a_scan_continues_after_the_last_key_of_the_previous_page() {
    for (String key : List.of("t/3", "t/1", "u/1", "t/2", "s/9", "t/4", "t/")) {
      done(store.put(StoreFamily.TOKENS, bytes(key), bytes("v" + key), false));
    }

    ScanResult second = store.scan(StoreFamily.TOKENS, bytes("t/"), 2, bytes("t/1"));
    assertThat(second.entries()).extracting(e -> text(e.key())).containsExactly("t/2", "t/3");
    assertThat(second.truncated()).isTrue();
    ScanResult last = store.scan(StoreFamily.TOKENS, bytes("t/"), 2, bytes("t/3"));
    assertThat(last.entries()).extracting(e -> text(e.key())).containsExactly("t/4");
    assertThat(last.truncated()).isFalse();
    // a start key before the prefix starts at the prefix; one past it finds nothing; empty = from the start
    assertThat(store.scan(StoreFamily.TOKENS, bytes("t/"), 10, bytes("s/9")).entries()).extracting(e -> text(e.key()))
      .containsExactly("t/", "t/1", "t/2", "t/3", "t/4");
    assertThat(store.scan(StoreFamily.TOKENS, bytes("t/"), 10, bytes("t/9")).entries()).isEmpty();
    assertThat(store.scan(StoreFamily.TOKENS, bytes("t/"), 10, new byte[0]).entries()).hasSize(5);
  }

  @Test
  void scan_with_empty_prefix_returns_the_whole_family() {
    done(store.put(StoreFamily.NOTICES, bytes("b"), bytes("2"), false));
    done(store.put(StoreFamily.NOTICES, bytes("a"), bytes("1"), false));
    done(store.put(StoreFamily.KV, bytes("c"), bytes("3"), false));

    assertThat(store.scan(StoreFamily.NOTICES, new byte[0], 100).entries()).extracting(e -> text(e.key())).containsExactly("a", "b");
    assertThat(store.scan(StoreFamily.NOTICES, null, 100).entries()).hasSize(2);
  }

  @Test
  void scan_stops_once_about_max_value_bytes_are_collected() {
    byte[] big = new byte[3000]; // SMALL allows 4096 bytes: two of these pass the mark
    for (int i = 0; i < 5; i++) {
      done(store.put(StoreFamily.KV, bytes("big" + i), big, false));
    }
    ScanResult result = store.scan(StoreFamily.KV, bytes("big"), 100);
    assertThat(result.entries()).hasSize(2);
    assertThat(result.truncated()).isTrue();
  }

  @Test
  void clear_empties_one_family_and_leaves_the_others() {
    for (int i = 0; i < 20; i++) {
      done(store.put(StoreFamily.EGGS, bytes("egg" + i), bytes("x"), false));
    }
    byte[] longestKey = new byte[SMALL.maxKeyBytes()];
    java.util.Arrays.fill(longestKey, (byte) 0xFF);
    done(store.put(StoreFamily.EGGS, longestKey, bytes("edge"), false));
    done(store.put(StoreFamily.KV, bytes("keep"), bytes("me"), false));

    done(store.clear(StoreFamily.EGGS, true));

    assertThat(store.scan(StoreFamily.EGGS, null, 100).entries()).isEmpty();
    assertThat(store.get(StoreFamily.KV, bytes("keep"))).isPresent();
    done(store.put(StoreFamily.EGGS, bytes("egg1"), bytes("again"), false));
    assertThat(store.get(StoreFamily.EGGS, bytes("egg1")).map(StoreTesting::text)).contains("again");
  }

  @Test
  void batch_applies_puts_and_deletes_across_families_together() {
    done(store.put(StoreFamily.TOKENS, bytes("old"), bytes("gone soon"), false));

    WriteResult result = done(store.batch(List.of(
      WriteOp.put(StoreFamily.TOKENS, bytes("new"), bytes("token")),
      WriteOp.delete(StoreFamily.TOKENS, bytes("old")),
      WriteOp.put(StoreFamily.WAL, bytes("tx1"), bytes("COMMITTED"))), true));

    assertThat(result.synced()).isTrue();
    assertThat(store.get(StoreFamily.TOKENS, bytes("new"))).isPresent();
    assertThat(store.get(StoreFamily.TOKENS, bytes("old"))).isEmpty();
    assertThat(store.get(StoreFamily.WAL, bytes("tx1")).map(StoreTesting::text)).contains("COMMITTED");
  }

  @Test
  void batch_with_one_invalid_write_writes_nothing() {
    for (boolean sync : new boolean[] {false, true}) {
      List<WriteOp> ops = List.of(
        WriteOp.put(StoreFamily.TOKENS, bytes("fine-" + sync), bytes("ok")),
        WriteOp.put(StoreFamily.WAL, bytes("also-fine-" + sync), bytes("ok")),
        WriteOp.put(StoreFamily.WAL, new byte[0], bytes("empty key")));

      assertThat(failureOf(store.batch(ops, sync))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(store.get(StoreFamily.TOKENS, bytes("fine-" + sync))).isEmpty();
      assertThat(store.get(StoreFamily.WAL, bytes("also-fine-" + sync))).isEmpty();
    }
  }

  @Test
  void bad_keys_and_values_are_invalid_argument() {
    byte[] longKey = new byte[SMALL.maxKeyBytes() + 1];
    byte[] bigValue = new byte[SMALL.maxValueBytes() + 1];

    assertThat(failureOf(store.put(StoreFamily.KV, new byte[0], bytes("v"), false))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(failureOf(store.put(StoreFamily.KV, null, bytes("v"), true))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(failureOf(store.put(StoreFamily.KV, longKey, bytes("v"), false))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(failureOf(store.put(StoreFamily.KV, bytes("k"), bigValue, true))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(failureOf(store.put(StoreFamily.KV, bytes("k"), null, false))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(failureOf(store.put(null, bytes("k"), bytes("v"), false))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(failureOf(store.delete(StoreFamily.KV, new byte[0], false))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(failureOf(store.batch(List.of(), true))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(thrownBy(() -> store.get(StoreFamily.KV, new byte[0]))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(thrownBy(() -> store.get(StoreFamily.KV, longKey))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(thrownBy(() -> store.scan(StoreFamily.KV, longKey, 1))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(thrownBy(() -> store.scan(StoreFamily.KV, null, 0))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(thrownBy(() -> store.scan(StoreFamily.KV, null, SMALL.maxScanEntries() + 1))).isEqualTo(ErrorCode.INVALID_ARGUMENT);

    assertThat(store.scan(StoreFamily.KV, null, 10).entries()).isEmpty();
    assertThat(store.stats().getErrors()).isEqualTo(13);
  }

  @Test
  void a_value_of_exactly_the_limits_is_accepted() {
    byte[] key = new byte[SMALL.maxKeyBytes()];
    key[0] = 1;
    done(store.put(StoreFamily.KV, key, new byte[SMALL.maxValueBytes()], true));
    assertThat(store.get(StoreFamily.KV, key)).hasValueSatisfying(v -> assertThat(v).hasSize(SMALL.maxValueBytes()));
  }

  @Test
  void protobuf_records_round_trip() {
    StoreAck record = StoreAck.newBuilder().setWrittenBytes(42).setSynced(true).build();
    done(store.putMessage(StoreFamily.META, bytes("ack"), record, true));

    assertThat(store.getMessage(StoreFamily.META, bytes("ack"), StoreAck.parser())).contains(record);
    assertThat(store.getMessage(StoreFamily.META, bytes("none"), StoreAck.parser())).isEmpty();
  }

  @Test
  void undecodable_record_is_data_corruption_not_a_crash() {
    // field 1, length-delimited, claims 5 bytes but none follow
    done(store.put(StoreFamily.TOKENS, bytes("broken"), new byte[] {0x0A, 0x05}, false));

    assertThatThrownBy(() -> store.getMessage(StoreFamily.TOKENS, bytes("broken"), StoreAck.parser()))
      .isInstanceOf(JuiceException.class)
      .hasMessageContaining("undecodable record in tokens")
      .satisfies(e -> assertThat(((JuiceException) e).code()).isEqualTo(ErrorCode.DATA_CORRUPTION));
    // the store keeps serving
    done(store.put(StoreFamily.TOKENS, bytes("fine"), bytes("x"), true));
  }

  @Test
  void closed_store_answers_unavailable_to_every_call() {
    store.close();

    assertThat(store.isOpen()).isFalse();
    assertThat(failureOf(store.put(StoreFamily.KV, bytes("k"), bytes("v"), false))).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(failureOf(store.put(StoreFamily.KV, bytes("k"), bytes("v"), true))).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(failureOf(store.clear(StoreFamily.KV, true))).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(thrownBy(() -> store.get(StoreFamily.KV, bytes("k")))).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(thrownBy(() -> store.scan(StoreFamily.KV, null, 1))).isEqualTo(ErrorCode.UNAVAILABLE);
    StorageStats stats = store.stats();
    assertThat(stats.getOpen()).isFalse();
    assertThat(stats.getFamiliesList()).isEmpty();
    store.close(); // idempotent
  }

  @Test
  void closing_under_load_fails_calls_with_unavailable_and_never_crashes() throws Exception {
    List<Throwable> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(4);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int worker = t;
      Thread thread = new Thread(() -> {
        running.countDown();
        for (int i = 0; i < 5_000; i++) {
          try {
            store.put(StoreFamily.KV, bytes(worker + "/" + i), bytes("v"), worker % 2 == 0).join();
            store.get(StoreFamily.KV, bytes(worker + "/" + i));
            store.scan(StoreFamily.KV, bytes(worker + "/"), 10);
          } catch (JuiceException | java.util.concurrent.CompletionException e) {
            JuiceException je = e instanceof JuiceException j ? j : (JuiceException) e.getCause();
            if (je.code() != ErrorCode.UNAVAILABLE) {
              unexpected.add(je);
            }
            return;
          }
        }
      });
      workers.add(thread);
      thread.start();
    }
    running.await();
    store.close();
    for (Thread thread : workers) {
      thread.join(60_000);
    }
    assertThat(unexpected).isEmpty();
  }

  @Test
  void acknowledged_writes_survive_close_and_reopen_synced_or_not() {
    done(store.put(StoreFamily.KV, bytes("unsynced"), bytes("1"), false));
    done(store.put(StoreFamily.KV, bytes("synced"), bytes("2"), true));
    done(store.batch(List.of(WriteOp.put(StoreFamily.CHAIN, bytes("head"), bytes("3"))), false));

    reopen();

    assertThat(store.get(StoreFamily.KV, bytes("unsynced")).map(StoreTesting::text)).contains("1");
    assertThat(store.get(StoreFamily.KV, bytes("synced")).map(StoreTesting::text)).contains("2");
    assertThat(store.get(StoreFamily.CHAIN, bytes("head")).map(StoreTesting::text)).contains("3");
  }

  @Test
  void a_second_open_of_the_same_directory_is_unavailable() {
    assertThat(thrownBy(() -> LocalStore.open(dir, SMALL))).isEqualTo(ErrorCode.UNAVAILABLE);
    // the first one is unaffected
    done(store.put(StoreFamily.KV, bytes("k"), bytes("v"), true));
  }

  @Test
  void families_already_on_disk_but_unknown_here_do_not_stop_the_open() throws Exception {
    store.close();
    // a newer version added a family: it must still open with this version
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
    for (StoreFamily f : StoreFamily.values()) {
      descriptors.add(new ColumnFamilyDescriptor(f.dbName().getBytes(StandardCharsets.UTF_8)));
    }
    descriptors.add(new ColumnFamilyDescriptor("future".getBytes(StandardCharsets.UTF_8)));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
         RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles)) {
      handles.forEach(ColumnFamilyHandle::close);
    }

    store = LocalStore.open(dir, SMALL);
    done(store.put(StoreFamily.KV, bytes("k"), bytes("v"), true));
    assertThat(store.get(StoreFamily.KV, bytes("k"))).isPresent();
  }

  @Test
  void stats_count_operations_bytes_and_families() {
    done(store.put(StoreFamily.KV, bytes("k1"), bytes("12345"), false));
    done(store.put(StoreFamily.KV, bytes("k2"), bytes("12345"), true));
    done(store.delete(StoreFamily.KV, bytes("k1"), false));
    done(store.batch(List.of(WriteOp.put(StoreFamily.WAL, bytes("w"), bytes("x"))), true));
    store.get(StoreFamily.KV, bytes("k2"));
    store.scan(StoreFamily.KV, null, 10);

    StorageStats stats = store.stats();
    assertThat(stats.getOpen()).isTrue();
    assertThat(stats.getPath()).isEqualTo(dir.toString());
    assertThat(stats.getWrites()).isEqualTo(3);
    assertThat(stats.getDeletes()).isEqualTo(1);
    assertThat(stats.getBatches()).isEqualTo(1);
    assertThat(stats.getReads()).isEqualTo(1);
    assertThat(stats.getScans()).isEqualTo(1);
    assertThat(stats.getSyncedWrites()).isEqualTo(2);
    assertThat(stats.getSyncs()).isBetween(1L, 2L);
    assertThat(stats.getBytesWritten()).isEqualTo(7 + 7 + 2 + 2);
    assertThat(store.bytesWritten(StoreFamily.WAL)).isEqualTo(2);
    assertThat(stats.getBytesRead()).isEqualTo(5 + 7);
    assertThat(stats.getErrors()).isZero();
    assertThat(stats.getSizeOnDiskBytes()).isPositive();
    assertThat(stats.getDiskFreeBytes()).isPositive();
    assertThat(stats.getFamiliesList()).extracting(f -> f.getName())
      .containsExactlyElementsOf(java.util.Arrays.stream(StoreFamily.values()).map(StoreFamily::dbName).toList());
  }

  @Test
  void node_config_places_the_store_under_the_node_data_dir() {
    NodeConfig config = NodeConfig.of(Map.of("node.id", "n1", "node.dataDir", dir.resolve("data").toString()));
    try (LocalStore nodeStore = LocalStore.open(config)) {
      assertThat(nodeStore.path()).isEqualTo(dir.resolve("data").resolve("n1").resolve("store"));
      assertThat(nodeStore.limits().maxKeyBytes()).isEqualTo(1024);
      assertThat(Files.isDirectory(nodeStore.path())).isTrue();
    }
    assertThat(Optional.of(dir)).isPresent();
  }
}
