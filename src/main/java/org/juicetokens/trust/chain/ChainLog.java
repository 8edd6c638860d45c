package org.juicetokens.trust.chain;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.vertx.core.Future;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Hashes;
import org.juicetokens.crypto.Hex;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreBatch;
import org.juicetokens.foundation.storage.proto.StoreEntry;
import org.juicetokens.foundation.storage.proto.StoreWrite;
import org.juicetokens.trust.chain.proto.ChainAppendReply;
import org.juicetokens.trust.chain.proto.ChainAppendRequest;
import org.juicetokens.trust.chain.proto.ChainEntryBody;
import org.juicetokens.trust.chain.proto.ChainEntryType;
import org.juicetokens.trust.chain.proto.ChainEntryView;
import org.juicetokens.trust.chain.proto.ChainGetRequest;
import org.juicetokens.trust.chain.proto.ChainHead;
import org.juicetokens.trust.chain.proto.ChainPage;
import org.juicetokens.trust.chain.proto.ChainVerdict;
import org.juicetokens.trust.chain.proto.ChainVerifyRequest;
import org.juicetokens.trust.chain.proto.SignedChainEntry;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The personal chains homed on this node. Every request is answered on the identity's home node
 * (asked point-to-point from elsewhere). Appends of one identity run one after another (its queue):
 * read the head, sign the next entry with the identity's active key, write entry + head (+ the
 * event's idempotency marker) as ONE synced batch, then publish the head in the DHT. A chain's
 * first entry is always CREATED: an event of an identity whose chain is still empty records it first.
 */
final class ChainLog {
  private static final Logger LOG = LoggerFactory.getLogger(ChainLog.class);
  static final String CREATED_MARKER = "created";

  private final String nodeId;
  private final ChainCalls calls;
  private final ChainMeters meters;
  private final LongSupplier clock;
  private final int pageLimit;
  private final int maxVerifyEntries;
  private final Map<String, Future<?>> queues = new HashMap<>();

  ChainLog(String nodeId, ChainCalls calls, ChainMeters meters, LongSupplier clock, int pageLimit, int maxVerifyEntries) {
    this.nodeId = nodeId;
    this.calls = calls;
    this.meters = meters;
    this.clock = clock;
    this.pageLimit = pageLimit;
    this.maxVerifyEntries = maxVerifyEntries;
  }

  Future<ChainAppendReply> append(ChainAppendRequest request) {
    checkAppend(request);
    return atHome(request.getIdentityId(), Addresses.CHAIN_APPEND_SUFFIX, request, ChainAppendReply.class, () -> appendHere(request));
  }

  Future<ChainPage> get(ChainGetRequest request) {
    return atHome(request.getIdentityId(), Addresses.CHAIN_GET_SUFFIX, request, ChainPage.class, () -> getHere(request));
  }

  Future<ChainVerdict> verify(ChainVerifyRequest request) {
    return atHome(request.getIdentityId(), Addresses.CHAIN_VERIFY_SUFFIX, request, ChainVerdict.class, () -> verifyHere(request));
  }

  Future<ChainAppendReply> appendHere(ChainAppendRequest request) {
    checkAppend(request);
    String id = request.getIdentityId();
    return queued(id, () -> calls.identity(id).compose(view -> {
      if (!view.getDocument().getHomeNode().equals(nodeId)) {
        return Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "identity " + id + " is not homed on " + nodeId));
      }
      return head(id).compose(head -> {
        if (head == null && request.getType() != ChainEntryType.CREATED) {
          ChainAppendRequest created = ChainAppendRequest.newBuilder().setIdentityId(id).setType(ChainEntryType.CREATED)
            .setPayloadHash(ByteString.copyFrom(ChainEntries.createdPayload(id))).setDedupKey(CREATED_MARKER).build();
          return appendOne(view, null, created).compose(first -> appendOne(view, first.getHead(), request));
        }
        return appendOne(view, head, request);
      });
    })).onFailure(failure -> meters.append(request.getType(), "failed"));
  }

  Future<ChainPage> getHere(ChainGetRequest request) {
    String id = request.getIdentityId();
    int limit = request.getLimit() <= 0 ? pageLimit : Math.min(request.getLimit(), pageLimit);
    long from = Math.max(1, request.getFromSequence());
    return calls.identity(id).compose(view -> head(id)).compose(head -> {
      long last = head == null ? 0 : head.getSequence();
      long to = Math.min(last, from + limit - 1);
      List<Future<ByteString>> reads = new ArrayList<>();
      for (long sequence = from; sequence <= to; sequence++) {
        reads.add(calls.get(ChainLayout.entryKey(id, sequence)));
      }
      return Future.all(reads).map(all -> {
        ChainPage.Builder page = ChainPage.newBuilder().setIdentityId(id).setTruncated(to < last);
        if (head != null) {
          page.setHead(head);
        }
        for (Future<ByteString> read : reads) {
          if (read.result() != null) {
            page.addEntries(view(parse(read.result())));
          }
        }
        return page.build();
      });
    });
  }

  Future<ChainVerdict> verifyHere(ChainVerifyRequest request) {
    String id = request.getIdentityId();
    return calls.identity(id).compose(view -> Future.all(calls.scan(ChainLayout.entryPrefix(id), maxVerifyEntries), calls.publishedHead(id))
      .compose(both -> {
        var scan = both.<org.juicetokens.foundation.storage.proto.StoreScanResult>resultAt(0);
        if (scan.getTruncated()) {
          return Future.failedFuture(new JuiceException(ErrorCode.UNAVAILABLE, "the chain of " + id + " is longer than chain.maxVerifyEntries"));
        }
        List<SignedChainEntry> entries = new ArrayList<>();
        for (StoreEntry entry : scan.getEntriesList()) {
          entries.add(parse(entry.getValue()));
        }
        ChainVerdict verdict = ChainVerifier.verify(view.getDocument(), entries, both.resultAt(1));
        meters.verification(id, verdict, clock.getAsLong());
        return Future.succeededFuture(verdict);
      }));
  }

  /** Re-publishes in the DHT every local head the DHT lacks or holds behind (after a restart or a lost member). */
  Future<Integer> republishHeads() {
    return calls.scan(ChainLayout.utf8(ChainLayout.HEAD_PREFIX), maxVerifyEntries).compose(scan -> {
      List<Future<Boolean>> all = new ArrayList<>();
      for (StoreEntry entry : scan.getEntriesList()) {
        ChainHead local = parseHead(entry.getValue());
        all.add(calls.publishedHead(local.getIdentityId()).compose(published -> published != null && published.equals(local)
          ? Future.succeededFuture(false) : calls.publishHead(local).map(true)));
      }
      return Future.all(all).map(done -> (int) all.stream().filter(Future::result).count());
    });
  }

  private Future<ChainAppendReply> appendOne(IdentityView view, ChainHead head, ChainAppendRequest request) {
    String id = request.getIdentityId();
    Future<ByteString> marker = request.getDedupKey().isEmpty() ? Future.succeededFuture(null)
      : calls.get(ChainLayout.markerKey(id, request.getDedupKey()));
    return marker.compose(found -> {
      if (found != null) {
        meters.append(request.getType(), "duplicate");
        return Future.succeededFuture(ChainAppendReply.newBuilder().setHead(head).setDuplicate(true).build());
      }
      int keyIndex = view.getDocument().getActiveKey();
      ChainEntryBody body = ChainEntries.next(id, head, request.getType(), request.getPayloadHash().toByteArray(), clock.getAsLong(), keyIndex);
      return calls.sign(id, ChainEntries.signingBytes(body.toByteString())).compose(signature -> {
        if (signature.getKeyIndex() != keyIndex) {
          return Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "the key of " + id + " was rotated during the append; retry"));
        }
        SignedChainEntry entry = ChainEntries.signed(body, signature.getSignature().toByteArray());
        ChainHead next = ChainEntries.head(body, entry);
        StoreBatch.Builder batch = StoreBatch.newBuilder().setSync(true)
          .addWrites(put(ChainLayout.entryKey(id, body.getSequence()), entry.toByteString()))
          .addWrites(put(ChainLayout.headKey(id), next.toByteString()));
        if (!request.getDedupKey().isEmpty()) {
          batch.addWrites(put(ChainLayout.markerKey(id, request.getDedupKey()), ByteString.copyFrom(ChainLayout.utf8(Long.toString(body.getSequence())))));
        }
        return calls.batch(batch.build()).compose(ack -> {
          meters.append(request.getType(), "appended");
          LOG.info("[Identity] [node: {}] chain {} + {} #{}", nodeId, id, request.getType(), body.getSequence());
          // the local batch is the truth; a head the DHT missed is re-published at the next start
          return calls.publishHead(next).<Void>mapEmpty().recover(failure -> {
            LOG.warn("[Identity] [node: {}] chain head of {} not published: {}", nodeId, id, failure.getMessage());
            return Future.succeededFuture();
          }).map(v -> ChainAppendReply.newBuilder().setHead(next).build());
        });
      });
    });
  }

  private Future<ChainHead> head(String id) {
    return calls.get(ChainLayout.headKey(id)).map(bytes -> bytes == null ? null : parseHead(bytes));
  }

  private <R extends Message> Future<R> atHome(String id, String suffix, Message request, Class<R> type, Supplier<Future<R>> here) {
    if (id.isBlank()) {
      return Future.failedFuture(JuiceException.invalidArgument("identity_id is required"));
    }
    return calls.identity(id).compose(view -> {
      String home = view.getDocument().getHomeNode();
      return home.equals(nodeId) ? here.get() : calls.ask(Addresses.node(home, suffix), request, type);
    });
  }

  /** Runs {@code work} after the identity's previous queued append ended (either way). */
  private <T> Future<T> queued(String id, Supplier<Future<T>> work) {
    Future<?> previous = queues.getOrDefault(id, Future.succeededFuture());
    Future<T> mine = previous.transform(ignored -> {
      try {
        return work.get();
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    });
    queues.put(id, mine);
    mine.onComplete(ar -> queues.remove(id, mine));
    return mine;
  }

  private static void checkAppend(ChainAppendRequest request) {
    if (request.getIdentityId().isBlank()) {
      throw JuiceException.invalidArgument("identity_id is required");
    }
    if (request.getType() == ChainEntryType.CHAIN_ENTRY_TYPE_UNSPECIFIED || request.getType() == ChainEntryType.UNRECOGNIZED) {
      throw JuiceException.invalidArgument("an entry type is required");
    }
    if (request.getPayloadHash().size() != Hashes.SHA256_BYTES) {
      throw JuiceException.invalidArgument("payload_hash must be " + Hashes.SHA256_BYTES + " bytes");
    }
    if (request.getDedupKey().length() > 128 || request.getDedupKey().contains("/")) {
      throw JuiceException.invalidArgument("dedup_key must be at most 128 characters without '/'");
    }
  }

  static ChainEntryView view(SignedChainEntry entry) {
    ChainEntryBody body = body(entry);
    return ChainEntryView.newBuilder().setSequence(body.getSequence()).setType(body.getType())
      .setPreviousHash(Hex.of(body.getPreviousHash().toByteArray())).setPayloadHash(Hex.of(body.getPayloadHash().toByteArray()))
      .setTimestampMs(body.getTimestampMs()).setKeyIndex(body.getKeyIndex()).setHash(Hex.of(ChainEntries.hash(entry)))
      .setSignature(Hex.of(entry.getSignature().toByteArray())).build();
  }

  private static ChainEntryBody body(SignedChainEntry entry) {
    try {
      return ChainEntryBody.parseFrom(entry.getBody());
    } catch (InvalidProtocolBufferException e) {
      throw JuiceException.internal("a stored chain entry does not decode", e);
    }
  }

  private static SignedChainEntry parse(ByteString bytes) {
    try {
      return SignedChainEntry.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw JuiceException.internal("a stored chain entry does not decode", e);
    }
  }

  private static ChainHead parseHead(ByteString bytes) {
    try {
      return ChainHead.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw JuiceException.internal("a stored chain head does not decode", e);
    }
  }

  private static StoreWrite put(byte[] key, ByteString value) {
    return StoreWrite.newBuilder().setFamily(StoreFamily.CHAIN.dbName()).setKey(ByteString.copyFrom(key)).setValue(value).build();
  }
}
