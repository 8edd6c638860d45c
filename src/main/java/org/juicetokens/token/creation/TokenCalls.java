package org.juicetokens.token.creation;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
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
import org.juicetokens.trust.identity.proto.IdentityLookup;
import org.juicetokens.trust.identity.proto.IdentitySignRequest;
import org.juicetokens.trust.identity.proto.IdentitySignature;
import org.juicetokens.trust.identity.proto.IdentityStatus;
import org.juicetokens.trust.identity.proto.IdentityView;

/**
 * The token layer's requests to the other layers of its node (identity, DHT, storage) and to other
 * nodes, each with the node's request timeout. Failures keep their ErrorCode.
 */
final class TokenCalls {
  private final EventBus bus;
  private final long timeoutMs;

  TokenCalls(EventBus bus, long timeoutMs) {
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
    return Bus.request(bus, Addresses.IDENTITY_GET, IdentityLookup.newBuilder().setIdentityId(id).build(), timeoutMs, IdentityView.class)
      .recover(failure -> Future.failedFuture(failure instanceof JuiceException je && je.code() == ErrorCode.NOT_FOUND
        ? JuiceException.notFound("unknown " + role + " " + id) : failure));
  }

  /** The identity, which must be ACTIVE (else PERMISSION_DENIED with its status). */
  Future<IdentityView> activeIdentity(String role, String id) {
    return identity(role, id).map(view -> requireActive(role, id, view));
  }

  /** {@code view}, when verified and ACTIVE; else UNAUTHENTICATED or PERMISSION_DENIED with the status. */
  static IdentityView requireActive(String role, String id, IdentityView view) {
    if (!view.getVerified()) {
      throw new JuiceException(ErrorCode.UNAUTHENTICATED, role + " " + id + " has an unverified identity document");
    }
    IdentityStatus status = view.getDocument().getStatus();
    if (status != IdentityStatus.ACTIVE) {
      throw new JuiceException(ErrorCode.PERMISSION_DENIED, role + " " + id + " is " + status);
    }
    return view;
  }

  Future<IdentitySignature> sign(String identityId, String purpose, byte[] data) {
    return Bus.request(bus, Addresses.IDENTITY_SIGN, IdentitySignRequest.newBuilder().setIdentityId(identityId).setPurpose(purpose)
      .setData(ByteString.copyFrom(data)).build(), timeoutMs, IdentitySignature.class);
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
