package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreAck;
import org.juicetokens.foundation.storage.proto.StoreBatch;
import org.juicetokens.foundation.storage.proto.StoreEntry;
import org.juicetokens.foundation.storage.proto.StoreScan;
import org.juicetokens.foundation.storage.proto.StoreScanResult;
import org.juicetokens.foundation.storage.proto.StoreWrite;
import org.juicetokens.trust.attestation.proto.AttestationRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox of attestation creation in the home node's ATTESTATIONS family: the home copy
 * ({@code peer/<attesterId>/<id>}) is written in ONE synced batch with a {@code pending/<id>}
 * marker holding the same record; the marker goes once the record is published and indexed.
 */
final class PendingAttestations {
  static final String PREFIX = "pending/";

  private final EventBus bus;
  private final long timeoutMs;

  PendingAttestations(EventBus bus, long timeoutMs) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
  }

  /** The home copy and its pending marker, atomically and synced. */
  Future<StoreAck> keep(String attesterId, String id, AttestationRecord record) {
    return batch(StoreBatch.newBuilder().setSync(true).addWrites(put(home(attesterId, id), record.toByteString()))
      .addWrites(put(marker(id), record.toByteString())).build());
  }

  /** The creation is finished (published and indexed, or revoked): the marker goes. */
  Future<StoreAck> done(String id) {
    return batch(StoreBatch.newBuilder().setSync(true).addWrites(delete(marker(id))).build());
  }

  /** The creation is abandoned before anything was visible (its id belongs to another record): marker and home copy go. */
  Future<StoreAck> abandon(String attesterId, String id) {
    return batch(StoreBatch.newBuilder().setSync(true).addWrites(delete(marker(id))).addWrites(delete(home(attesterId, id))).build());
  }

  /** Up to {@code limit} pending records, oldest key order. */
  Future<List<AttestationRecord>> pending(int limit) {
    return Bus.request(bus, Addresses.STORAGE_SCAN, StoreScan.newBuilder().setFamily(StoreFamily.ATTESTATIONS.dbName())
      .setPrefix(utf8(PREFIX)).setLimit(limit).build(), timeoutMs, StoreScanResult.class).map(scan -> {
        List<AttestationRecord> records = new ArrayList<>();
        for (StoreEntry entry : scan.getEntriesList()) {
          try {
            records.add(AttestationRecord.parseFrom(entry.getValue()));
          } catch (InvalidProtocolBufferException e) {
            throw new JuiceException(ErrorCode.DATA_CORRUPTION, "pending attestation " + entry.getKey().toStringUtf8() + " does not decode", e);
          }
        }
        return records;
      });
  }

  private Future<StoreAck> batch(StoreBatch batch) {
    return Bus.request(bus, Addresses.STORAGE_BATCH, batch, timeoutMs, StoreAck.class);
  }

  private static ByteString home(String attesterId, String id) {
    return utf8("peer/" + attesterId + "/" + id);
  }

  private static ByteString marker(String id) {
    return utf8(PREFIX + id);
  }

  private static StoreWrite put(ByteString key, ByteString value) {
    return StoreWrite.newBuilder().setFamily(StoreFamily.ATTESTATIONS.dbName()).setKey(key).setValue(value).build();
  }

  private static StoreWrite delete(ByteString key) {
    return StoreWrite.newBuilder().setFamily(StoreFamily.ATTESTATIONS.dbName()).setKey(key).setDelete(true).build();
  }

  private static ByteString utf8(String text) {
    return ByteString.copyFrom(text, StandardCharsets.UTF_8);
  }
}
