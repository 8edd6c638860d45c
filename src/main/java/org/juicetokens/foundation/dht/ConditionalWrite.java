package org.juicetokens.foundation.dht;

import com.google.protobuf.InvalidProtocolBufferException;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import org.juicetokens.foundation.dht.proto.DhtEntry;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A put that takes effect only when the key is absent ({@code expectedValue == null}) or when the
 * current entry's value equals {@code expectedValue}: claim or compare-and-set, decided atomically
 * on the partition owner (Hazelcast runs entry processors on the partition thread, one at a time
 * per key). The backup replicas run the same processor on the same state.
 *
 * <p>Answers {@code null} when written; when refused, the current entry's bytes, or an empty array
 * when the key is absent. Hazelcast serializes the processor for every operation, to the owner
 * and again in the backup operation: it is {@link DataSerializable} (its three fields written
 * directly, the class found by name) so that neither goes through Java serialization, and it
 * needs no factory registered in the Hazelcast config.
 */
final class ConditionalWrite implements EntryProcessor<String, byte[], byte[]>, DataSerializable {
  private static final long serialVersionUID = 1L;
  static final byte[] ABSENT = new byte[0];

  private byte[] entry;
  private byte[] expectedValue;
  private long ttlSeconds;

  /** For Hazelcast's deserialization (the fields are then read by {@link #readData}). */
  ConditionalWrite() {
  }

  ConditionalWrite(byte[] entry, byte[] expectedValue, long ttlSeconds) {
    this.entry = entry;
    this.expectedValue = expectedValue;
    this.ttlSeconds = ttlSeconds;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeByteArray(entry);
    // a null array (IF_ABSENT) is written as such and read back as null, distinct from an empty one
    out.writeByteArray(expectedValue);
    out.writeLong(ttlSeconds);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    entry = in.readByteArray();
    expectedValue = in.readByteArray();
    ttlSeconds = in.readLong();
  }

  @Override
  public byte[] process(Map.Entry<String, byte[]> current) {
    byte[] existing = current.getValue();
    if (!matches(existing)) {
      return existing == null ? ABSENT : existing;
    }
    if (ttlSeconds > 0 && current instanceof ExtendedMapEntry<String, byte[]> extended) {
      extended.setValue(entry, ttlSeconds, TimeUnit.SECONDS);
    } else {
      current.setValue(entry);
    }
    return null;
  }

  private boolean matches(byte[] existing) {
    if (expectedValue == null) {
      return existing == null;
    }
    if (existing == null) {
      return false;
    }
    try {
      return Arrays.equals(DhtEntry.parseFrom(existing).getValue().toByteArray(), expectedValue);
    } catch (InvalidProtocolBufferException e) {
      // an undecodable entry matches nothing: the caller sees it refused and reads it (DATA_CORRUPTION)
      return false;
    }
  }
}
