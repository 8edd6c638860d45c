package org.juicetokens.token.creation;

import com.google.protobuf.ByteString;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreBatch;
import org.juicetokens.foundation.storage.proto.StoreWrite;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenApply;
import org.juicetokens.token.proto.TokenApplyReply;
import org.juicetokens.token.proto.TokenState;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check and the one atomic batch of an exchange step on one owner's tokens ({@link TokenApply}),
 * from what the ledger read beforehand. Pure: every refusal is thrown before anything is built, so a
 * refused step writes nothing (neither tokens nor the exchange's own record).
 */
final class LedgerStep {
  /** The wissel's range in hundredths (PROTOCOL.md §Transactions). */
  static final int MAX_WISSEL = 199;

  private LedgerStep() {
  }

  /**
   * What the ledger read for one step.
   *
   * @param toLock     the owner's stored tokens among the ids to lock (absent = not the owner's)
   * @param idOwners   the id/ key of every removed or put token (absent = none)
   * @param wissel     the owner's wissel token, or null
   * @param lockedByTx the owner's tokens locked by this tx (read only for a release)
   */
  record Loaded(Map<String, Token> toLock, Map<String, String> idOwners, Token wissel, List<Token> lockedByTx) {
  }

  /** The batch and what it changes (for the meters and the index). */
  record Result(StoreBatch batch, List<Token> stored, List<Token> added, List<Token> gone, TokenApplyReply reply, List<Token> renewed) {
    Result(StoreBatch batch, List<Token> stored, List<Token> added, List<Token> gone, TokenApplyReply reply) {
      this(batch, stored, added, gone, reply, List.of());
    }
  }

  static Result plan(TokenApply step, Loaded loaded, long nowMs) {
    String owner = step.getOwnerId();
    String tx = step.getTxId();
    if (owner.isEmpty() || tx.isEmpty()) {
      throw JuiceException.invalidArgument("a token step names its owner and tx");
    }
    Map<String, Token> changed = new LinkedHashMap<>();
    if (step.getRelease()) {
      for (Token t : loaded.lockedByTx()) {
        if (t.getState() == TokenState.LOCKED && t.getLockTxId().equals(tx)) {
          changed.put(t.getId(), t.toBuilder().setState(TokenState.ACTIVE).clearLockTxId().build());
        }
      }
    }
    for (String id : step.getLockIdsList()) {
      Token t = loaded.toLock().get(id);
      if (t == null) {
        throw conflict("token " + id + " is not held by " + owner);
      }
      if (t.getWissel()) {
        throw JuiceException.invalidArgument("token " + id + " is the wissel: it is never locked whole");
      }
      requireSpendable(t, nowMs, tx);
      changed.put(id, locked(t, tx));
    }
    List<Token> renewed = renew(step, loaded, changed);
    Token wissel = loaded.wissel() == null ? null : changed.getOrDefault(loaded.wissel().getId(), loaded.wissel());
    if (step.getLockWissel()) {
      if (wissel == null) {
        throw conflict(owner + " has no wissel to settle hundredths with");
      }
      requireSpendable(wissel, nowMs, tx);
      inRange(wissel.getWisselHundredths() + step.getExpectedWisselDelta(), owner);
      wissel = locked(wissel, tx);
      changed.put(wissel.getId(), wissel);
    }
    if (step.getWisselDeltaHundredths() != 0) {
      if (wissel == null) {
        throw conflict(owner + " has no wissel to move " + step.getWisselDeltaHundredths() + " hundredths on");
      }
      if (wissel.getState() == TokenState.LOCKED && !wissel.getLockTxId().equals(tx)) {
        throw conflict("the wissel of " + owner + " is locked by another exchange");
      }
      int value = inRange(wissel.getWisselHundredths() + step.getWisselDeltaHundredths(), owner);
      wissel = wissel.toBuilder().setWisselHundredths(value).build();
      changed.put(wissel.getId(), wissel);
    }

    StoreBatch.Builder batch = StoreBatch.newBuilder().setSync(step.getSync());
    List<Token> gone = new ArrayList<>();
    Set<String> removed = new HashSet<>();
    for (String id : step.getRemoveIdsList()) {
      if (loaded.wissel() != null && loaded.wissel().getId().equals(id)) {
        throw JuiceException.invalidArgument("token " + id + " is the wissel: it never leaves whole");
      }
      Token before = changed.remove(id);
      removed.add(id);
      batch.addWrites(delete(TokenStoreLayout.tokenKey(owner, id)));
      if (owner.equals(loaded.idOwners().get(id))) {
        batch.addWrites(delete(TokenStoreLayout.idKey(id)));
        gone.add(before != null ? before : Token.newBuilder().setId(id).build());
      }
    }
    List<Token> incoming = new ArrayList<>();
    for (Token t : step.getPutTokensList()) {
      if (!t.getOwnerId().equals(owner)) {
        throw JuiceException.invalidArgument("token " + t.getId() + " is in the name of " + t.getOwnerId() + ", not " + owner);
      }
      if (removed.contains(t.getId())) {
        throw JuiceException.invalidArgument("token " + t.getId() + " is both removed and put");
      }
      incoming.add(t.toBuilder().setState(TokenState.ACTIVE).clearLockTxId().setWissel(false).setWisselHundredths(0).build());
    }
    List<Token> stored = Wissel.designate(incoming, loaded.wissel() != null);
    List<Token> added = new ArrayList<>();
    for (Token t : stored) {
      changed.put(t.getId(), t);
      if (!owner.equals(loaded.idOwners().get(t.getId()))) {
        added.add(t);
      }
      batch.addWrites(put(TokenStoreLayout.idKey(t.getId()), ByteString.copyFromUtf8(owner)));
      batch.addWrites(put(TokenStoreLayout.pendingIndexKey(t.getId()), ByteString.copyFromUtf8(owner)));
    }
    Token designated = Wissel.find(stored);
    if (designated != null) {
      batch.addWrites(put(TokenStoreLayout.wisselKey(owner), ByteString.copyFromUtf8(designated.getId())));
      wissel = designated;
    }
    for (Token t : changed.values()) {
      batch.addWrites(put(TokenStoreLayout.tokenKey(owner, t.getId()), t.toByteString()));
    }
    for (Token t : renewed) {
      batch.addWrites(put(TokenStoreLayout.pendingIndexKey(t.getId()), ByteString.copyFromUtf8(owner)));
    }
    batch.addAllWrites(step.getWritesList());
    TokenApplyReply reply = TokenApplyReply.newBuilder().setLocked(step.getLockIdsCount()).setRemoved(removed.size())
      .setStored(stored.size()).setHasWissel(wissel != null).setWisselHundredths(wissel == null ? 0 : wissel.getWisselHundredths()).build();
    List<Token> gone2 = new ArrayList<>(gone);
    gone2.addAll(renewed);
    return new Result(batch.build(), stored, added, gone2, reply, renewed);
  }

  /**
   * The renewal of {@code renew_ids} (lifecycle/renewal): each must be the owner's, ACTIVE (its
   * expiry does not matter: an expired token is renewed through a facilitator) and not the wissel;
   * it becomes RENEWED (no longer held: the audit counts it as renewed value).
   */
  private static List<Token> renew(TokenApply step, Loaded loaded, Map<String, Token> changed) {
    List<Token> renewed = new ArrayList<>();
    for (String id : step.getRenewIdsList()) {
      Token t = loaded.toLock().get(id);
      if (t == null) {
        throw conflict("token " + id + " is not held by " + step.getOwnerId());
      }
      if (t.getWissel()) {
        throw JuiceException.invalidArgument("token " + id + " is the wissel: it is not renewed on its own");
      }
      if (t.getState() != TokenState.ACTIVE || changed.containsKey(id)) {
        throw conflict("token " + id + " is " + (changed.containsKey(id) ? "locked by this step" : t.getState()) + ", not renewable");
      }
      Token r = t.toBuilder().setState(TokenState.RENEWED).build();
      changed.put(id, r);
      renewed.add(r);
    }
    return renewed;
  }

  /** ACTIVE and unexpired; or already locked by this tx (the same step applied again changes nothing). */
  private static void requireSpendable(Token t, long nowMs, String tx) {
    if (t.getState() == TokenState.LOCKED && t.getLockTxId().equals(tx)) {
      return;
    }
    if (t.getState() != TokenState.ACTIVE) {
      throw conflict("token " + t.getId() + " is " + t.getState() + (t.getLockTxId().isEmpty() ? "" : " by tx " + t.getLockTxId()));
    }
    if (t.getExpiresAtMs() <= nowMs) {
      throw conflict("token " + t.getId() + " has expired");
    }
  }

  private static int inRange(int value, String owner) {
    if (value < 0 || value > MAX_WISSEL) {
      throw conflict("the wissel of " + owner + " would be " + value + " hundredths, outside 0-" + MAX_WISSEL);
    }
    return value;
  }

  private static Token locked(Token t, String tx) {
    return t.toBuilder().setState(TokenState.LOCKED).setLockTxId(tx).build();
  }

  private static JuiceException conflict(String message) {
    return new JuiceException(ErrorCode.CONFLICT, message);
  }

  private static StoreWrite put(byte[] key, ByteString value) {
    return StoreWrite.newBuilder().setFamily(StoreFamily.TOKENS.dbName()).setKey(ByteString.copyFrom(key)).setValue(value).build();
  }

  private static StoreWrite delete(byte[] key) {
    return StoreWrite.newBuilder().setFamily(StoreFamily.TOKENS.dbName()).setKey(ByteString.copyFrom(key)).setDelete(true).build();
  }
}
