package org.juicetokens.token.creation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.foundation.dht.proto.DhtPutCondition;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.foundation.dht.proto.DhtWriteResult;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreAck;
import org.juicetokens.foundation.storage.proto.StoreBatch;
import org.juicetokens.foundation.storage.proto.StoreEntry;
import org.juicetokens.foundation.storage.proto.StoreWrite;
import org.juicetokens.token.proto.IssuanceClaim;

import java.util.ArrayList;
import java.util.List;

/**
 * Issuance claims in the DHT (jt.issuances, key = issuance id, signed by the issuer): the first
 * mint claims the issuance with IF_ABSENT; every later mint by the claimant advances the claim's
 * index counter with IF_VALUE_MATCHES on the bytes it read (compare-and-set on the partition
 * owner), re-reading and retrying when another mint advanced it first. So of two concurrent first
 * mints exactly one claims the issuance, and no two mints ever obtain the same index.
 */
final class IssuanceLedger {
  private final TokenCalls calls;
  private final String nodeId;
  private final int attempts;

  IssuanceLedger(TokenCalls calls, String nodeId, int attempts) {
    this.calls = calls;
    this.nodeId = nodeId;
    this.attempts = attempts;
  }

  /** The claim as read (null claim = absent): the message and the exact value bytes a compare-and-set must match. */
  record Seen(IssuanceClaim claim, ByteString bytes) {
  }

  /** Reads the current claim (verified); writes nothing, so it may start before the mint's other checks end. */
  Future<Seen> read(String issuanceId) {
    return calls.dhtGet(DhtMaps.ISSUANCES, issuanceId, true)
      .map(value -> value.getFound() ? seen(value.getValue()) : new Seen(null, ByteString.EMPTY));
  }

  /**
   * The indices of a mint, and the synced local write of the claim that obtained them, still running:
   * the caller may do work that writes nothing (sign the genesis records) meanwhile, and must wait
   * for {@code kept} before any index is used (its tokens stored): a restarted cluster gets the claim
   * back from this node only once it is kept.
   */
  record Obtained(IssuanceClaims.Range range, Future<StoreAck> kept) {
  }

  /** The indices this mint may use, starting from {@code current} (PERMISSION_DENIED when another identity owns the issuance), once kept. */
  Future<IssuanceClaims.Range> obtain(MintOrder order, String issuanceId, byte[] issuerKey, Seen current) {
    return obtainKeeping(order, issuanceId, issuerKey, current).compose(o -> o.kept().map(ack -> o.range()));
  }

  /** {@link #obtain}, answering as soon as the DHT applied the claim (its local keep in {@link Obtained#kept}). */
  Future<Obtained> obtainKeeping(MintOrder order, String issuanceId, byte[] issuerKey, Seen current) {
    return attempt(order, issuanceId, issuerKey, current.claim() == null ? null : current, attempts);
  }

  private Future<Obtained> attempt(MintOrder order, String issuanceId, byte[] issuerKey, Seen current, int left) {
    if (left == 0) {
      return Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "issuance " + issuanceId
        + " is being minted concurrently; gave up after " + attempts + " attempts (token.claimAttempts)"));
    }
    long now = System.currentTimeMillis();
    IssuanceClaim next;
    try {
      next = current == null
        ? IssuanceClaims.first(issuanceId, order.issuerId(), issuerKey, nodeId, order.count(), now)
        : IssuanceClaims.advance(current.claim(), order.issuerId(), issuerKey, order.count(), now);
    } catch (JuiceException e) {
      return Future.failedFuture(e);
    }
    return signedPut(order.issuerId(), issuanceId, next, current, now).compose(written -> {
      DhtWriteResult result = written.result();
      if (result.getApplied()) {
        // durable here before any of its indices is used (the caller waits for it before storing tokens)
        return Future.succeededFuture(new Obtained(IssuanceClaims.range(current == null ? null : current.claim(), next),
          keep(issuanceId, written.put())));
      }
      Seen seenNow = result.getCurrentValue().isEmpty() ? null : seen(result.getCurrentValue());
      return attempt(order, issuanceId, issuerKey, seenNow, left - 1);
    });
  }

  private record Written(DhtPutRequest put, DhtWriteResult result) {
  }

  private Future<StoreAck> keep(String issuanceId, DhtPutRequest put) {
    DhtPutRequest restorable = put.toBuilder().setCondition(DhtPutCondition.IF_ABSENT).clearExpectedValue().build();
    return calls.storeBatch(StoreBatch.newBuilder().setSync(true).addWrites(StoreWrite.newBuilder()
      .setFamily(StoreFamily.TOKENS.dbName()).setKey(ByteString.copyFrom(TokenStoreLayout.claimKey(issuanceId)))
      .setValue(restorable.toByteString())).build());
  }

  /**
   * Puts back (IF_ABSENT, with their original signatures) the claims this node keeps, for a DHT
   * that lost them (every member restarted); answers how many were missing.
   */
  Future<Integer> restore(int maxClaims) {
    return calls.storeScan(TokenStoreLayout.bytes(TokenStoreLayout.CLAIM_PREFIX), maxClaims).compose(scan -> {
      List<Future<DhtWriteResult>> puts = new ArrayList<>();
      for (StoreEntry e : scan.getEntriesList()) {
        try {
          puts.add(calls.dhtPut(DhtPutRequest.parseFrom(e.getValue())));
        } catch (InvalidProtocolBufferException ex) {
          puts.add(Future.failedFuture(new JuiceException(ErrorCode.DATA_CORRUPTION, "undecodable kept issuance claim", ex)));
        }
      }
      return Future.join(puts).transform(ignored -> Future.succeededFuture(
        (int) puts.stream().filter(f -> f.succeeded() && f.result().getApplied()).count()));
    });
  }

  private Future<Written> signedPut(String issuerId, String issuanceId, IssuanceClaim next, Seen current, long now) {
    ByteString value = next.toByteString();
    byte[] signed = DhtEntryVerifier.signedBytes(DhtMaps.ISSUANCES, issuanceId,
      DhtEntry.newBuilder().setValue(value).setWrittenAtMs(now).build());
    return calls.sign(issuerId, "issuance", signed).compose(signature -> {
      DhtPutRequest.Builder put = DhtPutRequest.newBuilder()
        .setMap(DhtMaps.ISSUANCES)
        .setKey(issuanceId)
        .setValue(value)
        .setWrittenAtMs(now)
        .setSignerId(issuerId)
        .setSignerPublicKey(signature.getPublicKey())
        .setSignature(signature.getSignature());
      if (current == null) {
        put.setCondition(DhtPutCondition.IF_ABSENT);
      } else {
        put.setCondition(DhtPutCondition.IF_VALUE_MATCHES).setExpectedValue(current.bytes());
      }
      DhtPutRequest request = put.build();
      return calls.dhtPut(request).map(result -> new Written(request, result));
    });
  }

  private static Seen seen(ByteString bytes) {
    try {
      return new Seen(IssuanceClaim.parseFrom(bytes), bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new JuiceException(ErrorCode.DATA_CORRUPTION, "undecodable issuance claim in the DHT", e);
    }
  }
}
