package org.juicetokens.token.creation;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.storage.proto.StoreValue;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenApply;
import org.juicetokens.token.proto.TokenApplyReply;
import org.juicetokens.token.proto.TokenHeldReply;
import org.juicetokens.token.proto.TokenState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The exchange's side of the home node's token store: reads what one {@link TokenApply} needs,
 * lets {@link LedgerStep} check it and build ONE atomic batch (tokens, wissel, index outbox markers
 * and the exchange's own WAL writes), writes it, then advances the DHT index entries of the tokens
 * that arrived (in the background: their outbox markers are durable, a failure is retried by the
 * outbox). Runs inside {@link HomeTokens}' per-owner queue; called on the token verticle's loop.
 */
final class TokenLedger {
  private static final Logger LOG = LoggerFactory.getLogger(TokenLedger.class);

  private final TokenCalls calls;
  private final TokenIndex index;
  private final TokenMeters meters;
  private final int maxScan;

  TokenLedger(TokenCalls calls, TokenIndex index, TokenMeters meters, int maxScan) {
    this.calls = calls;
    this.index = index;
    this.meters = meters;
    this.maxScan = maxScan;
  }

  Future<TokenApplyReply> apply(TokenApply step) {
    String owner = step.getOwnerId();
    Map<String, Future<StoreValue>> locks = new HashMap<>();
    Set<String> held = new LinkedHashSet<>(step.getLockIdsList());
    held.addAll(step.getRenewIdsList());
    for (String id : held) {
      locks.put(id, calls.storeGet(TokenStoreLayout.tokenKey(owner, id)));
    }
    Set<String> idsToCheck = new LinkedHashSet<>(step.getRemoveIdsList());
    step.getPutTokensList().forEach(t -> idsToCheck.add(t.getId()));
    Map<String, Future<StoreValue>> idKeys = new HashMap<>();
    for (String id : idsToCheck) {
      idKeys.put(id, calls.storeGet(TokenStoreLayout.idKey(id)));
    }
    Future<Token> wissel = calls.storeGet(TokenStoreLayout.wisselKey(owner)).compose(w -> !w.getFound() ? Future.succeededFuture(null)
      : calls.storeGet(TokenStoreLayout.tokenKey(owner, w.getValue().toStringUtf8())).map(v -> v.getFound() ? parse(v, owner) : null));
    Future<List<Token>> lockedByTx = step.getRelease() ? held(owner).map(h -> h.getTokensList().stream()
      .filter(t -> t.getState() == TokenState.LOCKED && t.getLockTxId().equals(step.getTxId())).toList()) : Future.succeededFuture(List.of());
    List<Future<?>> reads = new ArrayList<>(locks.values());
    reads.addAll(idKeys.values());
    reads.add(wissel);
    reads.add(lockedByTx);
    return Future.all(reads).compose(ignored -> {
      Map<String, Token> toLock = new HashMap<>();
      locks.forEach((id, f) -> {
        if (f.result().getFound()) {
          toLock.put(id, parse(f.result(), id));
        }
      });
      Map<String, String> idOwners = new HashMap<>();
      idKeys.forEach((id, f) -> {
        if (f.result().getFound()) {
          idOwners.put(id, f.result().getValue().toStringUtf8());
        }
      });
      LedgerStep.Result result = LedgerStep.plan(step, new LedgerStep.Loaded(toLock, idOwners, wissel.result(), lockedByTx.result()),
        System.currentTimeMillis());
      return calls.storeBatch(result.batch()).map(ack -> {
        result.added().forEach(t -> meters.held(t.getDenomination(), 1));
        result.gone().forEach(t -> meters.held(denominationOf(t.getId()), -1));
        List<Token> toIndex = new ArrayList<>(result.stored());
        toIndex.addAll(result.renewed());
        if (!toIndex.isEmpty()) {
          meters.indexPending(toIndex.size());
          index.publish(toIndex).onFailure(e -> LOG.warn("[Token] index of {} tokens of tx {} not advanced: {}",
            toIndex.size(), step.getTxId(), e.getMessage()));
        }
        return result.reply();
      });
    });
  }

  /** Every stored token of {@code owner} (up to storage.maxScanEntries). */
  Future<TokenHeldReply> held(String owner) {
    return calls.storeScan(TokenStoreLayout.ownerTokensPrefix(owner), maxScan).map(scan -> {
      TokenHeldReply.Builder reply = TokenHeldReply.newBuilder().setTruncated(scan.getTruncated());
      scan.getEntriesList().forEach(e -> {
        try {
          reply.addTokens(Token.parseFrom(e.getValue()));
        } catch (InvalidProtocolBufferException ex) {
          throw new JuiceException(ErrorCode.DATA_CORRUPTION, "stored token " + TokenStoreLayout.text(e.getKey().toByteArray()) + " does not decode", ex);
        }
      });
      return reply.build();
    });
  }

  private static int denominationOf(String tokenId) {
    String[] parts = tokenId.split("-");
    try {
      return parts.length >= 3 ? Integer.parseInt(parts[parts.length - 2]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Token parse(StoreValue value, String what) {
    try {
      return Token.parseFrom(value.getValue());
    } catch (InvalidProtocolBufferException e) {
      throw new JuiceException(ErrorCode.DATA_CORRUPTION, "stored token " + what + " does not decode", e);
    }
  }
}
