package org.juicetokens.lifecycle.egg;

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
import org.juicetokens.foundation.storage.proto.StoreWrite;
import org.juicetokens.trust.identity.proto.IdentityLookup;
import org.juicetokens.trust.identity.proto.IdentitySignRequest;
import org.juicetokens.trust.identity.proto.IdentitySignature;
import org.juicetokens.trust.identity.proto.IdentityStatus;
import org.juicetokens.trust.identity.proto.IdentityView;

/** The egg layer's requests to the other layers of its node and to other nodes, each with a timeout; failures keep their ErrorCode. */
final class EggCalls {
  private final EventBus bus;
  private final long timeoutMs;

  EggCalls(EventBus bus, long timeoutMs) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
  }

  long timeoutMs() {
    return timeoutMs;
  }

  <R extends Message> Future<R> ask(String address, Message request, long waitMs, Class<R> type) {
    return Bus.request(bus, address, request, waitMs, type);
  }

  <R extends Message> Future<R> ask(String address, Message request, Class<R> type) {
    return Bus.request(bus, address, request, timeoutMs, type);
  }

  /** The identity, any status; NOT_FOUND "unknown {role} {id}". */
  Future<IdentityView> identity(String role, String id) {
    return Bus.request(bus, Addresses.IDENTITY_GET, IdentityLookup.newBuilder().setIdentityId(id).build(), timeoutMs, IdentityView.class)
      .recover(f -> Future.failedFuture(f instanceof JuiceException je && je.code() == ErrorCode.NOT_FOUND
        ? JuiceException.notFound("unknown " + role + " " + id) : f));
  }

  /** The verified, ACTIVE identity; NOT_FOUND "unknown {role} {id}", PERMISSION_DENIED when not ACTIVE. */
  Future<IdentityView> activeIdentity(String role, String id) {
    return identity(role, id)
      .map(view -> {
        if (!view.getVerified()) {
          throw new JuiceException(ErrorCode.UNAUTHENTICATED, role + " " + id + " has an unverified identity document");
        }
        if (view.getDocument().getStatus() != IdentityStatus.ACTIVE) {
          throw new JuiceException(ErrorCode.PERMISSION_DENIED, role + " " + id + " is " + view.getDocument().getStatus());
        }
        return view;
      });
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

  Future<StoreValue> get(StoreFamily family, byte[] key) {
    return Bus.request(bus, Addresses.STORAGE_GET, StoreGet.newBuilder().setFamily(family.dbName()).setKey(ByteString.copyFrom(key)).build(),
      timeoutMs, StoreValue.class);
  }

  Future<StoreScanResult> scan(byte[] prefix, int limit) {
    return Bus.request(bus, Addresses.STORAGE_SCAN, StoreScan.newBuilder().setFamily(StoreFamily.EGGS.dbName())
      .setPrefix(ByteString.copyFrom(prefix)).setLimit(limit).build(), timeoutMs, StoreScanResult.class);
  }

  /** One synced atomic batch of puts in the EGGS family. */
  Future<StoreAck> put(java.util.Map<String, ByteString> entries) {
    StoreBatch.Builder batch = StoreBatch.newBuilder().setSync(true);
    entries.forEach((k, v) -> batch.addWrites(StoreWrite.newBuilder().setFamily(StoreFamily.EGGS.dbName())
      .setKey(ByteString.copyFromUtf8(k)).setValue(v)));
    return Bus.request(bus, Addresses.STORAGE_BATCH, batch.build(), timeoutMs, StoreAck.class);
  }
}
