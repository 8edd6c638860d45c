package org.juicetokens.token.creation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import org.juicetokens.api.v1.Balance;
import org.juicetokens.api.v1.TokenList;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreBatch;
import org.juicetokens.foundation.storage.proto.StoreEntry;
import org.juicetokens.foundation.storage.proto.StoreWrite;
import org.juicetokens.token.proto.GenesisRecord;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenApply;
import org.juicetokens.token.proto.TokenApplyReply;
import org.juicetokens.token.proto.TokenHeldReply;
import org.juicetokens.token.proto.TokenHeldRequest;
import org.juicetokens.token.proto.TokenStoreReply;
import org.juicetokens.token.proto.TokenStoreRequest;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The tokens of the identities homed on this node (ARCHITECTURE §3: value lives on the home node).
 * Storing takes ONE synced batch per request: every token under both its keys
 * ({@link TokenStoreLayout}), the wissel designation when this is the owner's first
 * denomination-1 token, and an index outbox marker per token. Then the DHT index entries are
 * written (IF_ABSENT: a re-publication never overwrites a later transfer's entry) and the markers
 * of the written ones removed; markers left behind (DHT unavailable) are re-published by
 * {@link #republishPending} every {@code token.indexRetryMs}. Stores of one owner run one after
 * the other (the wissel check and its designation must not interleave); all methods are called on
 * the token verticle's event loop.
 */
final class HomeTokens {
  private static final Logger LOG = LoggerFactory.getLogger(HomeTokens.class);

  private final TokenCalls calls;
  private final TokenIndex index;
  private final TokenMeters meters;
  private final int maxScan;
  private final int listLimit;
  private final Map<String, Future<?>> ownerQueues = new HashMap<>();
  private final TokenLedger ledger;

  /**
   * Runs the genesis check of a store of more than one token off the event loop (one Ed25519
   * verification per token: a mint of 100 would hold the loop for 100 of them); answers its verdict.
   */
  private final Function<Callable<String>, Future<String>> offLoop;
  /** The threads of the pool behind {@code offLoop} (TokenVerticle's jt-token-verify): a large store is checked in as many parts. */
  static final int VERIFY_WORKERS = 2;

  HomeTokens(TokenCalls calls, TokenIndex index, TokenMeters meters, int maxScan, int listLimit,
             Function<Callable<String>, Future<String>> offLoop) {
    this.offLoop = offLoop;
    this.calls = calls;
    this.index = index;
    this.meters = meters;
    this.maxScan = maxScan;
    this.listLimit = listLimit;
    this.ledger = new TokenLedger(calls, index, meters, maxScan);
  }

  Future<TokenStoreReply> store(TokenStoreRequest request) {
    if (request.getTokensCount() == 0) {
      return Future.failedFuture(JuiceException.invalidArgument("no tokens to store"));
    }
    String owner = request.getTokens(0).getOwnerId();
    if (request.getTokensList().stream().anyMatch(t -> !t.getOwnerId().equals(owner))) {
      return Future.failedFuture(JuiceException.invalidArgument("one store request holds the tokens of one owner"));
    }
    Set<String> issuers = new HashSet<>();
    for (Token t : request.getTokensList()) {
      issuers.add(issuerOf(t).getIssuerId());
    }
    if (issuers.size() != 1) {
      return Future.failedFuture(JuiceException.invalidArgument("one store request holds the tokens of one issuer"));
    }
    return storeChecked(owner, request, calls.identity("issuer", issuers.iterator().next()), Future.succeededFuture());
  }

  /**
   * {@link #store} of a mint on this node: {@code issuer} is the identity the mint read (verified by
   * the identity layer) moments before; it is not looked up again. Every genesis is still checked.
   * The batch is written only after {@code writeAfter} succeeded (the mint's claim is kept); the
   * reads and checks before it run meanwhile.
   */
  Future<TokenStoreReply> storeMinted(TokenStoreRequest request, IdentityView issuer, Future<?> writeAfter) {
    if (request.getTokensCount() == 0) {
      return Future.failedFuture(JuiceException.invalidArgument("no tokens to store"));
    }
    String owner = request.getTokens(0).getOwnerId();
    for (Token t : request.getTokensList()) {
      if (!t.getOwnerId().equals(owner) || !issuerOf(t).getIssuerId().equals(issuer.getDocument().getId())) {
        return Future.failedFuture(JuiceException.invalidArgument("one store request holds the tokens of one owner and one issuer"));
      }
    }
    return storeChecked(owner, request, Future.succeededFuture(issuer), writeAfter);
  }

  private Future<TokenStoreReply> storeChecked(String owner, TokenStoreRequest request, Future<IdentityView> issuer, Future<?> writeAfter) {
    // the genesis check runs meanwhile; the wissel is read once the owner's previous store is done
    Future<Void> checked = issuer.compose(view -> checkGenesis(request.getTokensList(), view)).compose(v -> writeAfter.mapEmpty());
    return queued(owner, () -> calls.storeGet(TokenStoreLayout.wisselKey(owner))
      .compose(wissel -> checked.compose(v -> storeNow(owner, request, wissel.getFound()))));
  }

  /**
   * One exchange step on an owner's tokens ({@link TokenLedger}), in the owner's queue: it never
   * interleaves with a store or another step of the same owner (a lock check and its write are one).
   */
  Future<TokenApplyReply> apply(TokenApply step) {
    if (step.getOwnerId().isEmpty()) {
      return Future.failedFuture(JuiceException.invalidArgument("a token step names its owner"));
    }
    return queued(step.getOwnerId(), () -> ledger.apply(step));
  }

  /** Every stored token of an owner homed here, for payment planning. */
  Future<TokenHeldReply> held(TokenHeldRequest request) {
    if (request.getOwnerId().isEmpty()) {
      return Future.failedFuture(JuiceException.invalidArgument("an owner id is required"));
    }
    return ledger.held(request.getOwnerId());
  }

  /** Runs {@code work} after the owner's previous queued work ended (either way). */
  private <T> Future<T> queued(String owner, java.util.function.Supplier<Future<T>> work) {
    Future<?> previous = ownerQueues.getOrDefault(owner, Future.succeededFuture());
    Future<T> mine = previous.transform(ignored -> {
      try {
        return work.get();
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    });
    ownerQueues.put(owner, mine);
    mine.onComplete(ar -> ownerQueues.remove(owner, mine));
    return mine;
  }

  /** The home node is the judge of value: it keeps only tokens whose genesis is the issuer's. */
  private Future<Void> checkGenesis(List<Token> tokens, IdentityView issuer) {
    List<byte[]> keys = issuer.getDocument().getKeysList().stream().map(k -> k.getPublicKey().toByteArray()).toList();
    if (tokens.size() == 1) {
      String failure = failureOf(tokens, keys);
      return failure == null ? Future.succeededFuture() : Future.failedFuture(JuiceException.invalidArgument(failure));
    }
    // one part per verify worker, so a single large store uses every one of them
    List<Future<String>> parts = new ArrayList<>(VERIFY_WORKERS);
    int size = tokens.size();
    for (int p = 0; p < VERIFY_WORKERS; p++) {
      List<Token> part = tokens.subList(p * size / VERIFY_WORKERS, (p + 1) * size / VERIFY_WORKERS);
      parts.add(offLoop.apply(() -> failureOf(part, keys)));
    }
    return Future.all(parts).compose(all -> {
      for (Future<String> part : parts) {
        if (part.result() != null) {
          return Future.failedFuture(JuiceException.invalidArgument(part.result()));
        }
      }
      return Future.succeededFuture();
    });
  }

  /** The first token of {@code tokens} whose genesis or telomere fails, as the refusal's message; null when all are sound. */
  private static String failureOf(List<Token> tokens, List<byte[]> keys) {
    for (Token t : tokens) {
      String failure = TokenVerification.failure(t, keys);
      if (failure != null) {
        return "refusing token " + t.getId() + ": " + failure;
      }
    }
    return null;
  }

  private Future<TokenStoreReply> storeNow(String owner, TokenStoreRequest request, boolean hasWissel) {
    List<Token> tokens = Wissel.designate(request.getTokensList(), hasWissel);
    StoreBatch.Builder batch = StoreBatch.newBuilder().setSync(true);
    for (Token t : tokens) {
      batch.addWrites(put(TokenStoreLayout.tokenKey(owner, t.getId()), t.toByteString()));
      batch.addWrites(put(TokenStoreLayout.idKey(t.getId()), ByteString.copyFromUtf8(owner)));
      batch.addWrites(put(TokenStoreLayout.pendingIndexKey(t.getId()), ByteString.copyFromUtf8(owner)));
    }
    Token designated = Wissel.find(tokens);
    if (designated != null) {
      batch.addWrites(put(TokenStoreLayout.wisselKey(owner), ByteString.copyFromUtf8(designated.getId())));
    }
    return calls.storeBatch(batch.build()).compose(ack -> {
      tokens.forEach(t -> meters.held(t.getDenomination(), 1));
      meters.indexPending(tokens.size());
      return index.publish(tokens);
    }).map(pending -> TokenStoreReply.newBuilder().addAllTokens(tokens).setIndexPending(pending).build());
  }

  /** A token stored here; NOT_FOUND when this node does not hold it. */
  Future<Token> read(String tokenId) {
    return calls.storeGet(TokenStoreLayout.idKey(tokenId)).compose(owner -> {
      if (!owner.getFound()) {
        return Future.failedFuture(JuiceException.notFound("token " + tokenId + " is not stored on this node"));
      }
      return calls.storeGet(TokenStoreLayout.tokenKey(owner.getValue().toStringUtf8(), tokenId)).map(value -> {
        if (!value.getFound()) {
          throw new JuiceException(ErrorCode.DATA_CORRUPTION, "token " + tokenId + " is indexed locally but its record is missing");
        }
        return parse(value.getValue(), tokenId);
      });
    });
  }

  /** The owner's tokens, at most {@code limit} (0 = token.listLimit). */
  Future<TokenList> list(String ownerId, int limit) {
    int wanted = limit <= 0 ? listLimit : Math.min(limit, listLimit);
    return calls.storeScan(TokenStoreLayout.ownerTokensPrefix(ownerId), wanted).map(scan -> {
      TokenList.Builder list = TokenList.newBuilder().setTruncated(scan.getTruncated());
      scan.getEntriesList().forEach(e -> list.addTokens(parse(e.getValue(), TokenStoreLayout.text(e.getKey().toByteArray()))));
      return list.build();
    });
  }

  Future<Balance> balance(String ownerId) {
    return calls.storeScan(TokenStoreLayout.ownerTokensPrefix(ownerId), maxScan).map(scan -> {
      if (scan.getTruncated()) {
        LOG.warn("[Token] balance of {} counts only the first {} tokens (storage.maxScanEntries)", ownerId, scan.getEntriesCount());
      }
      List<Token> tokens = new ArrayList<>(scan.getEntriesCount());
      scan.getEntriesList().forEach(e -> tokens.add(parse(e.getValue(), ownerId)));
      return Balances.of(ownerId, tokens, System.currentTimeMillis());
    });
  }

  /** Re-publishes index entries whose write failed after their tokens were stored; answers how many remain. */
  Future<Integer> republishPending() {
    return calls.storeScan(TokenStoreLayout.bytes(TokenStoreLayout.PENDING_INDEX_PREFIX), 1000).compose(scan -> {
      if (scan.getEntriesCount() == 0) {
        meters.indexPendingSet(0);
        return Future.succeededFuture(0);
      }
      meters.indexPendingSet(scan.getEntriesCount());
      List<Future<Token>> reads = new ArrayList<>();
      for (StoreEntry e : scan.getEntriesList()) {
        reads.add(read(TokenStoreLayout.tokenIdOf(e.getKey().toByteArray(), TokenStoreLayout.PENDING_INDEX_PREFIX)));
      }
      return Future.join(reads).transform(ignored -> {
        List<Token> tokens = reads.stream().filter(Future::succeeded).map(Future::result).toList();
        return tokens.isEmpty() ? Future.succeededFuture(0) : index.publish(tokens);
      });
    });
  }

  /** Puts back the index entries of the tokens held here that the DHT lost (at start); answers how many. */
  Future<Integer> republishAll() {
    return calls.storeScan(TokenStoreLayout.bytes(TokenStoreLayout.TOKEN_PREFIX), maxScan).compose(scan -> {
      List<Token> tokens = new ArrayList<>(scan.getEntriesCount());
      scan.getEntriesList().forEach(e -> tokens.add(parse(e.getValue(), TokenStoreLayout.text(e.getKey().toByteArray()))));
      return tokens.isEmpty() ? Future.succeededFuture(0) : index.republish(tokens);
    });
  }

  /** Counts the tokens held here (by the VALUE of the ids) and the index entries left to write, at start. */
  Future<Void> countHeld() {
    Future<Void> held = calls.storeScan(TokenStoreLayout.bytes(TokenStoreLayout.ID_PREFIX), maxScan).map(scan -> {
      for (StoreEntry e : scan.getEntriesList()) {
        String id = TokenStoreLayout.tokenIdOf(e.getKey().toByteArray(), TokenStoreLayout.ID_PREFIX);
        meters.held(Integer.parseInt(id.split("-")[2]), 1);
      }
      meters.heldTruncated(scan.getTruncated());
      return null;
    });
    Future<Void> pending = calls.storeScan(TokenStoreLayout.bytes(TokenStoreLayout.PENDING_INDEX_PREFIX), maxScan).map(scan -> {
      meters.indexPending(scan.getEntriesCount());
      return null;
    });
    return Future.all(held, pending).mapEmpty();
  }

  static GenesisRecord issuerOf(Token token) {
    try {
      return GenesisRecord.parseFrom(token.getGenesis().getRecord());
    } catch (InvalidProtocolBufferException e) {
      throw JuiceException.invalidArgument("token " + token.getId() + " has an undecodable genesis record");
    }
  }

  private static StoreWrite put(byte[] key, ByteString value) {
    return StoreWrite.newBuilder().setFamily(StoreFamily.TOKENS.dbName()).setKey(ByteString.copyFrom(key)).setValue(value).build();
  }

  private static Token parse(ByteString bytes, String what) {
    try {
      return Token.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new JuiceException(ErrorCode.DATA_CORRUPTION, "stored token " + what + " does not decode", e);
    }
  }
}
