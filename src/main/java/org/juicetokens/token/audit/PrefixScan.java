package org.juicetokens.token.audit;

import io.vertx.core.Future;
import org.juicetokens.foundation.storage.proto.StoreEntry;
import org.juicetokens.foundation.storage.proto.StoreScanResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every entry under a prefix although one storage scan stops at storage.maxScanEntries (or near
 * storage.maxValueBytes): a truncated scan is split into one scan per next key character (the
 * characters identity ids, token ids and tx ids are made of), down to {@link #MAX_DEPTH} levels.
 * What still does not fit is reported, never silently dropped.
 */
public final class PrefixScan {
  /** Every character of the keys under tok/ (hex owner ids, '/', token ids) and open/ (tx ids). */
  static final String KEY_ALPHABET = "-./0123456789:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
  static final int MAX_DEPTH = 4;

  /** The entries found, and whether some prefix was still truncated at the deepest level. */
  public record Result(List<StoreEntry> entries, boolean incomplete) {
  }

  private final Function<byte[], Future<StoreScanResult>> scan;

  /** {@code scan}: one storage scan of a prefix (at the store's limit). */
  public PrefixScan(Function<byte[], Future<StoreScanResult>> scan) {
    this.scan = scan;
  }

  public Future<Result> all(String prefix) {
    return scan(prefix, 0);
  }

  private Future<Result> scan(String prefix, int depth) {
    return scan.apply(prefix.getBytes(StandardCharsets.UTF_8)).compose(result -> {
      if (!result.getTruncated()) {
        return Future.succeededFuture(new Result(result.getEntriesList(), false));
      }
      if (depth >= MAX_DEPTH) {
        return Future.succeededFuture(new Result(result.getEntriesList(), true));
      }
      List<StoreEntry> entries = new ArrayList<>();
      for (StoreEntry e : result.getEntriesList()) {
        if (e.getKey().toStringUtf8().equals(prefix)) {
          entries.add(e);
        }
      }
      // one after the other: a split scan is already the large case, no need to flood the store
      Future<Boolean> chain = Future.succeededFuture(false);
      for (char c : KEY_ALPHABET.toCharArray()) {
        String next = prefix + c;
        chain = chain.compose(incomplete -> scan(next, depth + 1).map(part -> {
          entries.addAll(part.entries());
          return incomplete || part.incomplete();
        }));
      }
      return chain.map(incomplete -> new Result(entries, incomplete));
    });
  }
}
