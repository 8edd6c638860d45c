package org.juicetokens.token.transaction;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreAck;
import org.juicetokens.foundation.storage.proto.StoreBatch;
import org.juicetokens.foundation.storage.proto.StoreGet;
import org.juicetokens.foundation.storage.proto.StoreScan;
import org.juicetokens.foundation.storage.proto.StoreScanResult;
import org.juicetokens.foundation.storage.proto.StoreValue;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeRequest;
import org.juicetokens.token.proto.TokenApply;
import org.juicetokens.token.proto.TokenApplyReply;
import org.juicetokens.token.proto.TokenHeldReply;
import org.juicetokens.token.proto.TokenHeldRequest;
import org.juicetokens.trust.identity.proto.IdentitySignature;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.juicetokens.trust.identity.IdentityClient;

/** The shell's requests to the other layers of its node (token ledger, identity, storage, time), each with node.requestTimeoutMs. */
final class TxCalls {
  private final EventBus bus;
  private final long timeoutMs;
  private final IdentityClient identities;

  TxCalls(EventBus bus, long timeoutMs) {
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

  Future<TokenApplyReply> apply(TokenApply step) {
    return ask(Addresses.TOKEN_APPLY, step, timeoutMs, TokenApplyReply.class);
  }

  Future<TokenHeldReply> held(String ownerId) {
    return ask(Addresses.TOKEN_HELD, TokenHeldRequest.newBuilder().setOwnerId(ownerId).build(), timeoutMs, TokenHeldReply.class);
  }

  /** The verified identity; NOT_FOUND "unknown {role} {id}" when there is none. */
  Future<IdentityView> identity(String role, String id) {
    return identities.identity(role, id);
  }

  /** The identity, verified and ACTIVE (else UNAUTHENTICATED / PERMISSION_DENIED naming its status). */
  Future<IdentityView> activeIdentity(String role, String id) {
    return identities.activeIdentity(role, id);
  }

  /** {@code view}, when verified and ACTIVE; else UNAUTHENTICATED or PERMISSION_DENIED naming its status. */
  static IdentityView requireActive(String role, String id, IdentityView view) {
    return IdentityClient.requireActive(role, id, view);
  }

  Future<IdentitySignature> sign(String identityId, String purpose, byte[] data) {
    return identities.sign(identityId, purpose, data);
  }

  Future<TimeReading> timeNow() {
    return ask(Addresses.TIME_NOW, TimeRequest.getDefaultInstance(), timeoutMs, TimeReading.class);
  }

  Future<StoreValue> walGet(byte[] key) {
    return ask(Addresses.STORAGE_GET, StoreGet.newBuilder().setFamily(StoreFamily.WAL.dbName()).setKey(ByteString.copyFrom(key)).build(),
      timeoutMs, StoreValue.class);
  }

  Future<StoreScanResult> walScan(byte[] prefix, int limit) {
    return ask(Addresses.STORAGE_SCAN, StoreScan.newBuilder().setFamily(StoreFamily.WAL.dbName()).setPrefix(ByteString.copyFrom(prefix))
      .setLimit(limit).build(), timeoutMs, StoreScanResult.class);
  }

  Future<StoreAck> storeBatch(StoreBatch batch) {
    return ask(Addresses.STORAGE_BATCH, batch, timeoutMs, StoreAck.class);
  }
}
