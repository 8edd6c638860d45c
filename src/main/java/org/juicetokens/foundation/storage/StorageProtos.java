package org.juicetokens.foundation.storage;

import com.google.protobuf.ByteString;
import org.juicetokens.foundation.storage.proto.StoreAck;
import org.juicetokens.foundation.storage.proto.StoreEntry;
import org.juicetokens.foundation.storage.proto.StoreScanResult;
import org.juicetokens.foundation.storage.proto.StoreValue;
import org.juicetokens.foundation.storage.proto.StoreWrite;

import java.util.List;
import java.util.Optional;

/** Conversions between the storage messages on the bus and {@link LocalStore} calls. */
final class StorageProtos {
  private StorageProtos() {
  }

  static WriteOp write(StoreWrite write) {
    StoreFamily family = StoreFamily.of(write.getFamily());
    byte[] key = write.getKey().toByteArray();
    return write.getDelete() ? WriteOp.delete(family, key) : WriteOp.put(family, key, write.getValue().toByteArray());
  }

  static List<WriteOp> writes(List<StoreWrite> writes) {
    return writes.stream().map(StorageProtos::write).toList();
  }

  static StoreAck ack(WriteResult result) {
    return StoreAck.newBuilder().setWrittenBytes(result.bytes()).setSynced(result.synced()).build();
  }

  static StoreValue value(Optional<byte[]> value) {
    return value.map(v -> StoreValue.newBuilder().setFound(true).setValue(ByteString.copyFrom(v)).build())
      .orElse(StoreValue.newBuilder().setFound(false).build());
  }

  static StoreScanResult scan(ScanResult result) {
    StoreScanResult.Builder out = StoreScanResult.newBuilder().setTruncated(result.truncated());
    for (ScanResult.Entry e : result.entries()) {
      out.addEntries(StoreEntry.newBuilder().setKey(ByteString.copyFrom(e.key())).setValue(ByteString.copyFrom(e.value())));
    }
    return out.build();
  }

  /** The log detail of an operation: family, key (hex, shortened), sizes. Keys are not secrets; values never appear. */
  static String detail(String family, ByteString key, int valueBytes, boolean sync) {
    StringBuilder detail = new StringBuilder("family=").append(family);
    if (key != null) {
      detail.append(" key=").append(KeyText.hex(key.toByteArray()));
    }
    if (valueBytes >= 0) {
      detail.append(" bytes=").append(valueBytes);
    }
    return detail.append(" sync=").append(sync).toString();
  }
}
