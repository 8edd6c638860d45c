package org.juicetokens.token.audit;

import io.vertx.core.Future;
import org.juicetokens.foundation.storage.proto.StoreEntry;
import org.juicetokens.foundation.storage.proto.StoreScanResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Every entry under a prefix although one storage scan stops at storage.maxScanEntries (or near
 * storage.maxValueBytes): a truncated scan is continued after the last key it returned
 * (StoreScan.start_after), page after page, so a node holding any number of tokens is read
 * whole. Pages are handed over one at a time ({@link #each}), so a caller that only counts never
 * holds more than one page.
 */
public final class PrefixScan {
  /** The entries found; {@code incomplete} would mean a page came back truncated and empty (it cannot progress). */
  public record Result(List<StoreEntry> entries, boolean incomplete) {
  }

  private final BiFunction<byte[], byte[], Future<StoreScanResult>> scan;

  /** {@code scan}: one storage scan of (prefix, start after this key or empty) at the store's limit. */
  public PrefixScan(BiFunction<byte[], byte[], Future<StoreScanResult>> scan) {
    this.scan = scan;
  }

  /** Every entry under {@code prefix}, collected. */
  public Future<Result> all(String prefix) {
    List<StoreEntry> entries = new ArrayList<>();
    return each(prefix, entries::addAll).map(incomplete -> new Result(entries, incomplete));
  }

  /** Hands every page under {@code prefix} to {@code page}, in key order; answers whether something could not be read. */
  public Future<Boolean> each(String prefix, Consumer<List<StoreEntry>> page) {
    return next(prefix.getBytes(StandardCharsets.UTF_8), new byte[0], page);
  }

  private Future<Boolean> next(byte[] prefix, byte[] after, Consumer<List<StoreEntry>> page) {
    return scan.apply(prefix, after).compose(result -> {
      page.accept(result.getEntriesList());
      if (!result.getTruncated()) {
        return Future.succeededFuture(false);
      }
      if (result.getEntriesCount() == 0) {
        return Future.succeededFuture(true);
      }
      return next(prefix, result.getEntries(result.getEntriesCount() - 1).getKey().toByteArray(), page);
    });
  }
}
