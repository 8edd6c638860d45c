package org.juicetokens.lifecycle.egg;

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
import org.juicetokens.foundation.storage.proto.StoreWrite;
import org.juicetokens.trust.identity.proto.IdentitySignature;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.juicetokens.trust.identity.IdentityClient;

/** The egg layer's requests to the other layers of its node and to other nodes, each with a timeout; failures keep their ErrorCode. */
final class EggCalls {
  private final EventBus bus;
  private final long timeoutMs;
  private final IdentityClient identities;

  EggCalls(EventBus bus, long timeoutMs) {
    this.identities = new IdentityClient(bus, timeoutMs);
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
    return identities.identity(role, id);
  }

  /** The verified, ACTIVE identity; NOT_FOUND "unknown {role} {id}", PERMISSION_DENIED when not ACTIVE. */
  Future<IdentityView> activeIdentity(String role, String id) {
    return identities.activeIdentity(role, id);
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
