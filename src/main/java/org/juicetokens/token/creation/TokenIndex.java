package org.juicetokens.token.creation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtPutCondition;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.foundation.dht.proto.DhtWriteResult;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreBatch;
import org.juicetokens.foundation.storage.proto.StoreWrite;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenIndexEntry;
import org.juicetokens.token.proto.TokenState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The token index in the DHT (jt.tokenIndex, key = token id): where a token lives (its home node)
 * and how far its telomere has come. An index, not the judge of value: entries are written by the
 * home node after the tokens are stored (node-written, unsigned; the token's own genesis signature
 * and telomere are what a reader verifies). Entries only move forward: a write is IF_ABSENT, and
 * over an existing entry a compare-and-set that applies only when the entry's transfer number is
 * lower than the token's (a re-publication never overwrites a later transfer's entry, and two home
 * nodes writing one token's entry in turn never move it backwards).
 */
final class TokenIndex {
  private static final Logger LOG = LoggerFactory.getLogger(TokenIndex.class);

  private final TokenCalls calls;
  private final String nodeId;
  private final TokenMeters meters;

  TokenIndex(TokenCalls calls, String nodeId, TokenMeters meters) {
    this.calls = calls;
    this.nodeId = nodeId;
    this.meters = meters;
  }

  /** The entry of a token as stored here: its telomere's transfer count and head (transfer 0 at genesis). */
  static TokenIndexEntry entryOf(Token token, String homeNode, long nowMs) {
    return TokenIndexEntry.newBuilder()
      .setTokenId(token.getId())
      .setTransferNumber(token.getTelomere().getTransfers())
      .setHead(token.getTelomere().getHead())
      .setHomeNode(homeNode)
      .setOwnerId(token.getOwnerId())
      .setState(token.getState())
      .setUpdatedAtMs(nowMs)
      .build();
  }

  /**
   * Writes (advances) the entries of {@code tokens} stored here, then clears their outbox markers;
   * answers how many entries could not be written (their markers stay for the retry).
   */
  Future<Integer> publish(List<Token> tokens) {
    long now = System.currentTimeMillis();
    List<Future<Void>> puts = new ArrayList<>(tokens.size());
    for (Token t : tokens) {
      puts.add(advance(entryOf(t, nodeId, now), ADVANCE_ATTEMPTS));
    }
    return Future.join(puts).transform(ignored -> {
      StoreBatch.Builder clear = StoreBatch.newBuilder().setSync(false);
      int failed = 0;
      for (int i = 0; i < tokens.size(); i++) {
        if (puts.get(i).succeeded()) {
          clear.addWrites(StoreWrite.newBuilder().setFamily(StoreFamily.TOKENS.dbName())
            .setKey(ByteString.copyFrom(TokenStoreLayout.pendingIndexKey(tokens.get(i).getId()))).setDelete(true));
        } else {
          failed++;
        }
      }
      if (failed > 0) {
        LOG.warn("[Token] [node: {}] {} of {} token index entries not written ({}); retried every token.indexRetryMs",
          nodeId, failed, tokens.size(), puts.stream().filter(Future::failed).findFirst().map(f -> f.cause().getMessage()).orElse(""));
      }
      int pending = failed;
      int written = tokens.size() - failed;
      if (written == 0) {
        return Future.succeededFuture(pending);
      }
      // the marker removal needs no sync and nobody waits for it: a marker that survives (a crash, a
      // failed removal) only re-publishes an entry, IF_ABSENT
      calls.storeBatch(clear.build()).onComplete(ack -> meters.indexPending(-written),
        failure -> LOG.warn("[Token] [node: {}] index outbox markers not cleared: {}", nodeId, failure.getMessage()));
      return Future.succeededFuture(pending);
    });
  }

  /**
   * Puts back the entries of tokens stored here that the DHT lost (every member restarted: the
   * DHT is in memory); IF_ABSENT, so entries still there are untouched. Answers how many were missing.
   */
  Future<Integer> republish(List<Token> tokens) {
    List<Future<DhtWriteResult>> puts = put(tokens);
    return Future.join(puts).transform(ignored -> Future.succeededFuture((int) puts.stream()
      .filter(f -> f.succeeded() && f.result().getApplied()).count()));
  }

  /** Compare-and-set rounds of one entry before its write is left to the outbox retry. */
  private static final int ADVANCE_ATTEMPTS = 4;

  /** Writes {@code entry} unless the DHT already holds an entry at the same or a later transfer. */
  private Future<Void> advance(TokenIndexEntry entry, int attemptsLeft) {
    return calls.dhtPut(request(entry, DhtPutCondition.IF_ABSENT, ByteString.EMPTY))
      .compose(r -> r.getApplied() ? Future.succeededFuture() : advanceOver(entry, r.getCurrentValue(), attemptsLeft - 1));
  }

  private Future<Void> advanceOver(TokenIndexEntry entry, ByteString current, int attemptsLeft) {
    if (current.isEmpty()) {
      return attemptsLeft <= 0 ? Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "index entry of " + entry.getTokenId() + " kept changing"))
        : advance(entry, attemptsLeft);
    }
    TokenIndexEntry there;
    try {
      there = TokenIndexEntry.parseFrom(current);
    } catch (InvalidProtocolBufferException e) {
      there = TokenIndexEntry.getDefaultInstance();
    }
    // a renewal moves the entry of the same transfer forward to RENEWED (and never back)
    boolean renewal = entry.getState() == TokenState.RENEWED && there.getState() != TokenState.RENEWED
      && there.getTransferNumber() == entry.getTransferNumber();
    if (there.getTransferNumber() >= entry.getTransferNumber() && !there.getTokenId().isEmpty() && !renewal) {
      return Future.succeededFuture();
    }
    if (attemptsLeft <= 0) {
      return Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "index entry of " + entry.getTokenId() + " kept changing"));
    }
    return calls.dhtPut(request(entry, DhtPutCondition.IF_VALUE_MATCHES, current))
      .compose(r -> r.getApplied() ? Future.succeededFuture() : advanceOver(entry, r.getCurrentValue(), attemptsLeft - 1));
  }

  private static DhtPutRequest request(TokenIndexEntry entry, DhtPutCondition condition, ByteString expected) {
    return DhtPutRequest.newBuilder().setMap(DhtMaps.TOKEN_INDEX).setKey(entry.getTokenId()).setValue(entry.toByteString())
      .setCondition(condition).setExpectedValue(expected).build();
  }

  private List<Future<DhtWriteResult>> put(List<Token> tokens) {
    long now = System.currentTimeMillis();
    List<Future<DhtWriteResult>> puts = new ArrayList<>(tokens.size());
    for (Token t : tokens) {
      puts.add(calls.dhtPut(DhtPutRequest.newBuilder()
        .setMap(DhtMaps.TOKEN_INDEX)
        .setKey(t.getId())
        .setValue(entryOf(t, nodeId, now).toByteString())
        .setCondition(DhtPutCondition.IF_ABSENT)
        .build()));
    }
    return puts;
  }

  /** The index entry of {@code tokenId}; NOT_FOUND when the DHT has none. */
  Future<TokenIndexEntry> lookup(String tokenId) {
    return calls.dhtGet(DhtMaps.TOKEN_INDEX, tokenId, false).map(value -> {
      if (!value.getFound()) {
        throw JuiceException.notFound("token " + tokenId + " not found (no token index entry)");
      }
      try {
        return TokenIndexEntry.parseFrom(value.getValue());
      } catch (InvalidProtocolBufferException e) {
        throw new JuiceException(ErrorCode.DATA_CORRUPTION, "undecodable token index entry for " + tokenId, e);
      }
    });
  }
}
