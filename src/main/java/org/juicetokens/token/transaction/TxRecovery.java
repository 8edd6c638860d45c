package org.juicetokens.token.transaction;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import org.juicetokens.foundation.storage.proto.StoreEntry;
import org.juicetokens.foundation.storage.proto.StoreValue;
import org.juicetokens.token.transaction.proto.TxRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Recovery before serving: every open/ marker of the WAL names a side that still needs work; its
 * record is read and handed to the engine ({@link TxShell#resume}), which re-sends its decision,
 * re-asks, or aborts what the deadline passed. Only the open sides are read, so the cost does not
 * grow with the log's history.
 */
final class TxRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(TxRecovery.class);

  private TxRecovery() {
  }

  /** Resumes every open side; answers how many. */
  static Future<Integer> run(TxCalls calls, TxShell shell, int maxScan) {
    return calls.walScan(TxLogLayout.openPrefix(), maxScan).compose(scan -> {
      if (scan.getTruncated()) {
        LOG.warn("[Transaction] more than {} open exchange sides: the rest resume at the next start (storage.maxScanEntries)", maxScan);
      }
      List<Future<StoreValue>> reads = new ArrayList<>();
      for (StoreEntry e : scan.getEntriesList()) {
        reads.add(calls.walGet(TxLogLayout.recordKeyOfOpen(e.getKey().toByteArray())));
      }
      return Future.join(reads).transform(ignored -> {
        int resumed = 0;
        for (Future<StoreValue> read : reads) {
          if (read.failed() || !read.result().getFound()) {
            LOG.warn("[Transaction] an open exchange side has no readable record: {}", read.failed() ? read.cause().getMessage() : "absent");
            continue;
          }
          try {
            shell.resume(TxRecord.parseFrom(read.result().getValue()));
            resumed++;
          } catch (InvalidProtocolBufferException e) {
            LOG.error("[Transaction] an open exchange record does not decode: {}", e.getMessage());
          }
        }
        LOG.info("[Transaction] recovery: {} open exchange side(s) resumed", resumed);
        return Future.succeededFuture(resumed);
      });
    });
  }
}
