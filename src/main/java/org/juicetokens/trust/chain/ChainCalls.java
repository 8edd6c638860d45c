package org.juicetokens.trust.chain;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.dht.DhtMaps;
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
import org.juicetokens.trust.chain.proto.ChainHead;
import org.juicetokens.trust.identity.proto.IdentityLookup;
import org.juicetokens.trust.identity.proto.IdentitySignRequest;
import org.juicetokens.trust.identity.proto.IdentitySignature;
import org.juicetokens.trust.identity.proto.IdentityView;

/** The chain's requests to the other layers of its node (identity, storage, DHT) and to other nodes, each with a timeout. */
final class ChainCalls {
  private final EventBus bus;
  private final long timeoutMs;

  ChainCalls(EventBus bus, long timeoutMs) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
  }

  <R extends Message> Future<R> ask(String address, Message request, Class<R> replyType) {
    return Bus.request(bus, address, request, timeoutMs, replyType);
  }

  Future<IdentityView> identity(String id) {
    return ask(Addresses.IDENTITY_GET, IdentityLookup.newBuilder().setIdentityId(id).build(), IdentityView.class);
  }

  Future<IdentitySignature> sign(String id, byte[] data) {
    return ask(Addresses.IDENTITY_SIGN, IdentitySignRequest.newBuilder().setIdentityId(id).setPurpose("chain")
      .setData(ByteString.copyFrom(data)).build(), IdentitySignature.class);
  }

  /** The stored value, or null when absent. */
  Future<ByteString> get(byte[] key) {
    return ask(Addresses.STORAGE_GET, StoreGet.newBuilder().setFamily(StoreFamily.CHAIN.dbName()).setKey(ByteString.copyFrom(key)).build(),
      StoreValue.class).map(v -> v.getFound() ? v.getValue() : null);
  }

  Future<StoreScanResult> scan(byte[] prefix, int limit) {
    return ask(Addresses.STORAGE_SCAN, StoreScan.newBuilder().setFamily(StoreFamily.CHAIN.dbName()).setPrefix(ByteString.copyFrom(prefix))
      .setLimit(limit).build(), StoreScanResult.class);
  }

  Future<StoreAck> batch(StoreBatch batch) {
    return ask(Addresses.STORAGE_BATCH, batch, StoreAck.class);
  }

  Future<DhtWriteResult> publishHead(ChainHead head) {
    return ask(Addresses.DHT_PUT, DhtPutRequest.newBuilder().setMap(DhtMaps.CHAIN_HEADS).setKey(head.getIdentityId())
      .setValue(head.toByteString()).build(), DhtWriteResult.class);
  }

  /** The head published in the DHT, or null when there is none. */
  Future<ChainHead> publishedHead(String id) {
    return ask(Addresses.DHT_GET, DhtGetRequest.newBuilder().setMap(DhtMaps.CHAIN_HEADS).setKey(id).build(), DhtValue.class)
      .compose(v -> {
        if (!v.getFound()) {
          return Future.succeededFuture(null);
        }
        try {
          return Future.succeededFuture(ChainHead.parseFrom(v.getValue()));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
          return Future.succeededFuture(null);
        }
      });
  }
}
