package org.juicetokens.token.audit;

import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import org.juicetokens.foundation.storage.proto.StoreEntry;
import org.juicetokens.foundation.storage.proto.StoreScanResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PrefixScanTest {

  /** A sorted store whose scans stop after {@code limit} entries, as storage.maxScanEntries does. */
  private static Future<StoreScanResult> scan(TreeSet<String> keys, int limit, byte[] prefix, List<String> asked) {
    String p = new String(prefix, StandardCharsets.UTF_8);
    asked.add(p);
    StoreScanResult.Builder result = StoreScanResult.newBuilder();
    for (String k : keys.tailSet(p)) {
      if (!k.startsWith(p)) {
        break;
      }
      if (result.getEntriesCount() == limit) {
        return Future.succeededFuture(result.setTruncated(true).build());
      }
      result.addEntries(StoreEntry.newBuilder().setKey(ByteString.copyFromUtf8(k)));
    }
    return Future.succeededFuture(result.build());
  }

  private static List<String> keys(PrefixScan.Result result) {
    return result.entries().stream().map(e -> e.getKey().toStringUtf8()).sorted().toList();
  }

  @Test
  void a_scan_that_fits_is_one_call() throws Exception {
    TreeSet<String> store = new TreeSet<>(List.of("tok/a1/x-1", "tok/a1/x-2", "tox", "open/t"));
    List<String> asked = new ArrayList<>();

    PrefixScan.Result result = new PrefixScan(p -> scan(store, 10, p, asked)).all("tok/").await(5, TimeUnit.SECONDS);

    assertThat(keys(result)).containsExactly("tok/a1/x-1", "tok/a1/x-2");
    assertThat(result.incomplete()).isFalse();
    assertThat(asked).containsExactly("tok/");
  }

  @Test
  void a_truncated_scan_is_split_by_the_next_character_until_everything_is_read() throws Exception {
    TreeSet<String> store = new TreeSet<>();
    for (String owner : List.of("0a", "0b", "9f", "ff")) {
      for (int i = 1; i <= 3; i++) {
        store.add("tok/" + owner + "/47c609bc-r-10-00" + i);
      }
    }
    List<String> asked = new ArrayList<>();

    PrefixScan.Result result = new PrefixScan(p -> scan(store, 4, p, asked)).all("tok/").await(5, TimeUnit.SECONDS);

    assertThat(keys(result)).containsExactlyElementsOf(store);
    assertThat(result.incomplete()).isFalse();
    assertThat(asked).contains("tok/0", "tok/0a", "tok/9", "tok/f");
  }

  @Test
  void what_still_does_not_fit_at_the_deepest_level_is_reported_incomplete() throws Exception {
    TreeSet<String> store = new TreeSet<>();
    for (int i = 0; i < 5; i++) {
      store.add("tok/aaaa/" + i);
    }

    PrefixScan.Result result = new PrefixScan(p -> scan(store, 2, p, new ArrayList<>())).all("tok/").await(5, TimeUnit.SECONDS);

    assertThat(result.incomplete()).isTrue();
  }
}
