package org.juicetokens.token.transaction;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
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
import org.juicetokens.trust.identity.proto.IdentityLookup;
import org.juicetokens.trust.identity.proto.IdentitySignRequest;
import org.juicetokens.trust.identity.proto.IdentitySignature;
import org.juicetokens.trust.identity.proto.IdentityStatus;
import org.juicetokens.trust.identity.proto.IdentityView;

/** The shell's requests to the other layers of its node (token ledger, identity, storage, time), each with node.requestTimeoutMs. */
final class TxCalls {
  private final EventBus bus;
  private final long timeoutMs;

  TxCalls(EventBus bus, long timeoutMs) {
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
    return ask(Addresses.IDENTITY_GET, IdentityLookup.newBuilder().setIdentityId(id).build(), timeoutMs, IdentityView.class)
      .recover(failure -> Future.failedFuture(failure instanceof JuiceException je && je.code() == ErrorCode.NOT_FOUND
        ? JuiceException.notFound("unknown " + role + " " + id) : failure));
  }

  /** The identity, verified and ACTIVE (else UNAUTHENTICATED / PERMISSION_DENIED naming its status). */
  Future<IdentityView> activeIdentity(String role, String id) {
    return identity(role, id).map(view -> {
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
    return ask(Addresses.IDENTITY_SIGN, IdentitySignRequest.newBuilder().setIdentityId(identityId).setPurpose(purpose)
      .setData(ByteString.copyFrom(data)).build(), timeoutMs, IdentitySignature.class);
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
