package org.juicetokens.lifecycle.renewal;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.api.v1.TokenReply;
import org.juicetokens.api.v1.TokenRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreAck;
import org.juicetokens.foundation.storage.proto.StoreBatch;
import org.juicetokens.foundation.storage.proto.StoreGet;
import org.juicetokens.foundation.storage.proto.StoreScan;
import org.juicetokens.foundation.storage.proto.StoreScanResult;
import org.juicetokens.foundation.storage.proto.StoreValue;
import org.juicetokens.trust.identity.proto.IdentitySignature;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.juicetokens.trust.identity.IdentityClient;

/** The renewal layer's requests to the other layers of its node and to other nodes, each with a timeout; failures keep their ErrorCode. */
final class RenewalCalls {
  private final EventBus bus;
  private final long timeoutMs;
  private final IdentityClient identities;

  RenewalCalls(EventBus bus, long timeoutMs) {
    this.identities = new IdentityClient(bus, timeoutMs);
    this.bus = bus;
    this.timeoutMs = timeoutMs;
  }

  long timeoutMs() {
    return timeoutMs;
  }

  EventBus bus() {
    return bus;
  }

  <R extends Message> Future<R> ask(String address, Message request, long waitMs, Class<R> type) {
    return Bus.request(bus, address, request, waitMs, type);
  }

  /** The verified, ACTIVE identity; NOT_FOUND "unknown {role} {id}" when there is none. */
  Future<IdentityView> activeIdentity(String role, String id) {
    return identities.activeIdentity(role, id);
  }

  Future<IdentitySignature> sign(String identityId, byte[] data) {
    return identities.sign(identityId, "renewal", data);
  }

  /** The token as its home node reads and verifies it (two hops at most: index, then home node). */
  Future<TokenReply> token(String tokenId) {
    return Bus.request(bus, Addresses.TOKEN_GET, TokenRequest.newBuilder().setTokenId(tokenId).build(), 2 * timeoutMs, TokenReply.class);
  }

  Future<StoreValue> get(byte[] key) {
    return Bus.request(bus, Addresses.STORAGE_GET, StoreGet.newBuilder().setFamily(StoreFamily.NOTICES.dbName())
      .setKey(ByteString.copyFrom(key)).build(), timeoutMs, StoreValue.class);
  }

  Future<StoreScanResult> scan(StoreFamily family, byte[] prefix, int limit) {
    return scan(family, prefix, limit, new byte[0]);
  }

  /** The page of keys after {@code after} (empty: the first page). */
  Future<StoreScanResult> scan(StoreFamily family, byte[] prefix, int limit, byte[] after) {
    return Bus.request(bus, Addresses.STORAGE_SCAN, StoreScan.newBuilder().setFamily(family.dbName())
      .setPrefix(ByteString.copyFrom(prefix)).setLimit(limit).setStartAfter(ByteString.copyFrom(after)).build(), timeoutMs, StoreScanResult.class);
  }

  Future<StoreAck> batch(StoreBatch batch) {
    return Bus.request(bus, Addresses.STORAGE_BATCH, batch, timeoutMs, StoreAck.class);
  }
}
