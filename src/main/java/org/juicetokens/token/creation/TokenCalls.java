package org.juicetokens.token.creation;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.foundation.dht.proto.DhtGetRequest;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.foundation.dht.proto.DhtValue;
import org.juicetokens.foundation.dht.proto.DhtWriteResult;
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

/**
 * The token layer's requests to the other layers of its node (identity, DHT, storage) and to other
 * nodes, each with the node's request timeout. Failures keep their ErrorCode.
 */
final class TokenCalls {
  private final EventBus bus;
  private final long timeoutMs;
  private final IdentityClient identities;

  TokenCalls(EventBus bus, long timeoutMs) {
    this.identities = new IdentityClient(bus, timeoutMs);
    this.bus = bus;
    this.timeoutMs = timeoutMs;
  }

  long timeoutMs() {
    return timeoutMs;
  }

  <R extends Message> Future<R> ask(String address, Message request, long waitMs, Class<R> replyType) {
    return Bus.request(bus, address, request, waitMs, replyType);
  }

  /** The verified identity; NOT_FOUND "unknown {role} {id}" when there is none. */
  Future<IdentityView> identity(String role, String id) {
    return identities.identity(role, id);
  }

  /** The identity, which must be ACTIVE (else PERMISSION_DENIED with its status). */
  Future<IdentityView> activeIdentity(String role, String id) {
    return identities.activeIdentity(role, id);
  }

  /** {@code view}, when verified and ACTIVE; else UNAUTHENTICATED or PERMISSION_DENIED with the status. */
  static IdentityView requireActive(String role, String id, IdentityView view) {
    return IdentityClient.requireActive(role, id, view);
  }

  Future<IdentitySignature> sign(String identityId, String purpose, byte[] data) {
    return identities.sign(identityId, purpose, data);
  }

  Future<DhtValue> dhtGet(String map, String key, boolean verify) {
    return Bus.request(bus, Addresses.DHT_GET, DhtGetRequest.newBuilder().setMap(map).setKey(key).setVerifySignature(verify).build(),
      timeoutMs, DhtValue.class);
  }

  Future<DhtWriteResult> dhtPut(DhtPutRequest request) {
    return Bus.request(bus, Addresses.DHT_PUT, request, timeoutMs, DhtWriteResult.class);
  }

  Future<StoreValue> storeGet(byte[] key) {
    return Bus.request(bus, Addresses.STORAGE_GET, StoreGet.newBuilder().setFamily(StoreFamily.TOKENS.dbName())
      .setKey(ByteString.copyFrom(key)).build(), timeoutMs, StoreValue.class);
  }

  Future<StoreScanResult> storeScan(byte[] prefix, int limit) {
    return Bus.request(bus, Addresses.STORAGE_SCAN, StoreScan.newBuilder().setFamily(StoreFamily.TOKENS.dbName())
      .setPrefix(ByteString.copyFrom(prefix)).setLimit(limit).build(), timeoutMs, StoreScanResult.class);
  }

  Future<StoreAck> storeBatch(StoreBatch batch) {
    return Bus.request(bus, Addresses.STORAGE_BATCH, batch, timeoutMs, StoreAck.class);
  }
}
