package org.juicetokens.foundation.dht;

import com.google.protobuf.InvalidProtocolBufferException;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import org.juicetokens.foundation.dht.proto.DhtEntry;

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
 * when the key is absent. Carried between members with Java serialization (only this class and
 * byte arrays).
 */
final class ConditionalWrite implements EntryProcessor<String, byte[], byte[]> {
  private static final long serialVersionUID = 1L;
  static final byte[] ABSENT = new byte[0];

  private final byte[] entry;
  private final byte[] expectedValue;
  private final long ttlSeconds;

  ConditionalWrite(byte[] entry, byte[] expectedValue, long ttlSeconds) {
    this.entry = entry;
    this.expectedValue = expectedValue;
    this.ttlSeconds = ttlSeconds;
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
