package org.juicetokens.extension;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.extension.proto.ExtensionRecord;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreAck;
import org.juicetokens.foundation.storage.proto.StoreBatch;
import org.juicetokens.foundation.storage.proto.StoreEntry;
import org.juicetokens.foundation.storage.proto.StoreScan;
import org.juicetokens.foundation.storage.proto.StoreScanResult;
import org.juicetokens.foundation.storage.proto.StoreWrite;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry's records in the node's store, over the storage bus: family EXTENSIONS, key
 * {@code ext/<id>}, each save one synced batch (a registration or a state change survives a crash
 * once answered).
 */
final class StoredExtensions implements ExtensionStore {
  static final String PREFIX = "ext/";

  private final EventBus bus;
  private final long timeoutMs;
  private final int maxScan;

  StoredExtensions(EventBus bus, long timeoutMs, int maxScan) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
    this.maxScan = maxScan;
  }

  @Override
  public Future<Void> save(ExtensionRecord record) {
    StoreBatch batch = StoreBatch.newBuilder().setSync(true).addWrites(StoreWrite.newBuilder().setFamily(StoreFamily.EXTENSIONS.dbName())
      .setKey(ByteString.copyFromUtf8(PREFIX + record.getSigned().getManifest().getId())).setValue(record.toByteString())).build();
    return Bus.request(bus, Addresses.STORAGE_BATCH, batch, timeoutMs, StoreAck.class).mapEmpty();
  }

  @Override
  public Future<List<ExtensionRecord>> loadAll() {
    StoreScan scan = StoreScan.newBuilder().setFamily(StoreFamily.EXTENSIONS.dbName()).setPrefix(ByteString.copyFromUtf8(PREFIX))
      .setLimit(maxScan).build();
    return Bus.request(bus, Addresses.STORAGE_SCAN, scan, timeoutMs, StoreScanResult.class).map(result -> {
      if (result.getTruncated()) {
        throw new JuiceException(ErrorCode.UNAVAILABLE, "more extensions than one scan reads (storage.maxScanEntries)");
      }
      List<ExtensionRecord> records = new ArrayList<>();
      for (StoreEntry entry : result.getEntriesList()) {
        try {
          records.add(ExtensionRecord.parseFrom(entry.getValue()));
        } catch (InvalidProtocolBufferException e) {
          throw new JuiceException(ErrorCode.DATA_CORRUPTION, "undecodable extension record " + entry.getKey().toStringUtf8(), e);
        }
      }
      return records;
    });
  }
}
