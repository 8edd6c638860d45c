package org.juicetokens.lifecycle.renewal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreBatch;
import org.juicetokens.foundation.storage.proto.StoreEntry;
import org.juicetokens.foundation.storage.proto.StoreValue;
import org.juicetokens.lifecycle.renewal.proto.ExpiryNotice;
import org.juicetokens.token.audit.PrefixScan;
import org.juicetokens.token.creation.TokenStoreLayout;
import org.juicetokens.token.proto.Token;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Expiry notices for the tokens homed on this node, by a bounded periodic scan (every
 * renewal.noticeScanMinutes / lifecycle.timeScale): a paged prefix scan of the {@code tok/} records
 * (storage.maxScanEntries per page), {@link NoticeRules} per token, then for the due ones a read of
 * their notice key and ONE synced batch of the notices not stored yet, each published after the
 * batch. Chosen over an expiry index written with every token because tokens are stored by several
 * paths (mint, transfer, change, renewal, hatching) in the token layer's own batches; the scan costs
 * one pass over the node's tokens per interval (hourly in production, against thresholds in days)
 * and needs no hook in them. The notice key {@code n/<owner>/<token>/<days>} is the "once": a scan
 * after a restart finds it and issues nothing again. Runs on the renewal verticle's loop, one at a time.
 */
final class NoticeScanner {
  private static final Logger LOG = LoggerFactory.getLogger(NoticeScanner.class);

  private final RenewalCalls calls;
  private final RenewalSettings settings;
  private final RenewalMeters meters;
  private final int pageLimit;
  private final Consumer<ExpiryNotice> publish;
  private boolean running;

  NoticeScanner(RenewalCalls calls, RenewalSettings settings, RenewalMeters meters, int pageLimit, Consumer<ExpiryNotice> publish) {
    this.calls = calls;
    this.settings = settings;
    this.meters = meters;
    this.pageLimit = pageLimit;
    this.publish = publish;
  }

  /** One scan; answers how many notices it issued (0 while another scan runs). */
  Future<Integer> scan() {
    if (running) {
      return Future.succeededFuture(0);
    }
    running = true;
    long now = System.currentTimeMillis();
    List<ExpiryNotice> due = new ArrayList<>();
    // page by page: only the due notices are kept, never every token record of the node at once
    return new PrefixScan((p, after) -> calls.scan(StoreFamily.TOKENS, p, pageLimit, after)).each(TokenStoreLayout.TOKEN_PREFIX, page -> {
      for (StoreEntry e : page) {
        Token token;
        try {
          token = Token.parseFrom(e.getValue());
        } catch (InvalidProtocolBufferException ex) {
          continue;
        }
        for (int days : NoticeRules.due(token, now, settings.noticeDays(), settings.noticeBeforeMs())) {
          due.add(ExpiryNotice.newBuilder().setIdentityId(token.getOwnerId()).setTokenId(token.getId()).setDaysBefore(days)
            .setExpiresAtMs(token.getExpiresAtMs()).setIssuedAtMs(now).setDenomination(token.getDenomination()).build());
        }
      }
    }).compose(incomplete -> {
      if (incomplete) {
        LOG.warn("[Renewal] a page of the token scan could not be read past: some tokens were not checked");
      }
      return due.isEmpty() ? Future.succeededFuture(0) : issue(due);
    }).onComplete(ar -> running = false);
  }

  private Future<Integer> issue(List<ExpiryNotice> due) {
    List<Future<StoreValue>> seen = due.stream().map(n -> calls.get(key(n))).toList();
    return Future.all(seen).compose(all -> {
      List<ExpiryNotice> fresh = new ArrayList<>();
      StoreBatch.Builder batch = StoreBatch.newBuilder().setSync(true);
      for (int i = 0; i < due.size(); i++) {
        if (!seen.get(i).result().getFound()) {
          fresh.add(due.get(i));
          batch.addWrites(RenewalLayout.put(key(due.get(i)), due.get(i).toByteString()));
        }
      }
      if (fresh.isEmpty()) {
        return Future.succeededFuture(0);
      }
      return calls.batch(batch.build()).map(ack -> {
        fresh.forEach(n -> {
          meters.notice(n.getDaysBefore());
          publish.accept(n);
        });
        return fresh.size();
      });
    });
  }

  private static byte[] key(ExpiryNotice n) {
    return RenewalLayout.noticeKey(n.getIdentityId(), n.getTokenId(), n.getDaysBefore());
  }
}
