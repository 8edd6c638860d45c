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

  /** A sorted store whose scans stop after {@code limit} entries (storage.maxScanEntries) and honour start_after. */
  private static Future<StoreScanResult> scan(TreeSet<String> keys, int limit, byte[] prefix, byte[] after, List<String> asked) {
    String p = new String(prefix, StandardCharsets.UTF_8);
    String a = new String(after, StandardCharsets.UTF_8);
    asked.add(a);
    StoreScanResult.Builder result = StoreScanResult.newBuilder();
    for (String k : a.isEmpty() ? keys.tailSet(p) : keys.tailSet(a, false)) {
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
    return result.entries().stream().map(e -> e.getKey().toStringUtf8()).toList();
  }

  @Test
  void a_scan_that_fits_is_one_call() throws Exception {
    TreeSet<String> store = new TreeSet<>(List.of("tok/a1/x-1", "tok/a1/x-2", "tox", "open/t"));
    List<String> asked = new ArrayList<>();

    PrefixScan.Result result = new PrefixScan((p, a) -> scan(store, 10, p, a, asked)).all("tok/").await(5, TimeUnit.SECONDS);

    assertThat(keys(result)).containsExactly("tok/a1/x-1", "tok/a1/x-2");
    assertThat(result.incomplete()).isFalse();
    assertThat(asked).containsExactly("");
  }

  @Test
  void one_owner_with_more_tokens_than_a_scan_returns_is_read_whole_page_after_page() throws Exception {
    // the case the old split-by-next-character could not finish: thousands of tokens under one long owner id
    TreeSet<String> store = new TreeSet<>(List.of("open/x", "tox/1"));
    String owner = "9f".repeat(32);
    for (int i = 1; i <= 2_500; i++) {
      store.add("tok/" + owner + "/47c609bc-r-10-" + String.format("%05d", i));
    }
    store.add("tok/0a/47c609bc-r-10-00001");
    List<String> asked = new ArrayList<>();
    List<Integer> pages = new ArrayList<>();

    boolean incomplete = new PrefixScan((p, a) -> scan(store, 1_000, p, a, asked)).each("tok/", page -> pages.add(page.size()))
      .await(5, TimeUnit.SECONDS);

    assertThat(incomplete).isFalse();
    assertThat(pages).containsExactly(1_000, 1_000, 501);
    assertThat(asked).hasSize(3).first().isEqualTo("");
    PrefixScan.Result all = new PrefixScan((p, a) -> scan(store, 1_000, p, a, new ArrayList<>())).all("tok/").await(5, TimeUnit.SECONDS);
    assertThat(keys(all)).containsExactlyElementsOf(store.subSet("tok/", "tok0"));
  }

  @Test
  void a_truncated_page_that_returned_nothing_is_reported_incomplete_not_looped_on() throws Exception {
    List<String> asked = new ArrayList<>();
    PrefixScan.Result result = new PrefixScan((p, a) -> {
      asked.add("x");
      return Future.succeededFuture(StoreScanResult.newBuilder().setTruncated(true).build());
    }).all("tok/").await(5, TimeUnit.SECONDS);

    assertThat(result.incomplete()).isTrue();
    assertThat(asked).hasSize(1);
  }

  @Test
  void a_failed_page_fails_the_scan() {
    Future<PrefixScan.Result> result = new PrefixScan((p, a) -> Future.failedFuture(new IllegalStateException("store closed"))).all("tok/");
    assertThat(result.failed()).isTrue();
    assertThat(result.cause()).hasMessage("store closed");
  }
}
