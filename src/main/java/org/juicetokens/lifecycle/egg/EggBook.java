package org.juicetokens.lifecycle.egg;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreEntry;
import org.juicetokens.lifecycle.egg.proto.Egg;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The eggs kept on this node (their owners are homed here): durable in the EGGS family under
 * {@code egg/<id>} (the store is the truth; every change one synced batch), with the marker of each
 * proof that fertilized one ({@code proof/<owner>/<kind>/<proof id>} → egg id), mirrored in memory for
 * the stage gauges and the admin console (read from the metrics thread too, hence concurrent).
 */
final class EggBook {
  static final String EGG_PREFIX = "egg/";

  private final EggCalls calls;
  private final Map<String, Egg> mirror = new ConcurrentHashMap<>();

  EggBook(EggCalls calls) {
    this.calls = calls;
  }

  Collection<Egg> all() {
    return mirror.values();
  }

  /** The stored egg; NOT_FOUND when this node keeps no such egg. */
  Future<Egg> load(String id) {
    return calls.get(StoreFamily.EGGS, (EGG_PREFIX + id).getBytes(StandardCharsets.UTF_8)).map(value -> {
      if (!value.getFound()) {
        throw JuiceException.notFound("unknown egg " + id);
      }
      return parse(value.getValue());
    });
  }

  /** Stores the eggs in one synced batch, then mirrors them. */
  Future<List<Egg>> save(List<Egg> eggs) {
    Map<String, ByteString> entries = new LinkedHashMap<>();
    eggs.forEach(e -> entries.put(EGG_PREFIX + e.getId(), e.toByteString()));
    return calls.put(entries).map(ack -> {
      eggs.forEach(e -> mirror.put(e.getId(), e));
      return eggs;
    });
  }

  /** The fertilized egg and the marker of its proof (→ the egg id) in one synced batch, then mirrored. */
  Future<Egg> saveFertilized(Egg egg, String proofMarker) {
    Map<String, ByteString> entries = new LinkedHashMap<>();
    entries.put(EGG_PREFIX + egg.getId(), egg.toByteString());
    entries.put(proofMarker, ByteString.copyFromUtf8(egg.getId()));
    return calls.put(entries).map(ack -> {
      mirror.put(egg.getId(), egg);
      return egg;
    });
  }

  /** The egg a proof already fertilized (its marker's value), if any. */
  Future<Optional<String>> proofUser(String proofMarker) {
    return calls.get(StoreFamily.EGGS, proofMarker.getBytes(StandardCharsets.UTF_8))
      .map(value -> value.getFound() ? Optional.of(value.getValue().toStringUtf8()) : Optional.empty());
  }

  Future<Egg> save(Egg egg) {
    return save(List.of(egg)).map(list -> egg);
  }

  /** Reads every kept egg into the mirror (at start); answers them. */
  Future<Collection<Egg>> loadAll(int maxScan) {
    return calls.scan(EGG_PREFIX.getBytes(StandardCharsets.UTF_8), maxScan).map(scan -> {
      if (scan.getTruncated()) {
        throw new JuiceException(ErrorCode.UNAVAILABLE, "more eggs than one scan reads (storage.maxScanEntries)");
      }
      for (StoreEntry e : scan.getEntriesList()) {
        Egg egg = parse(e.getValue());
        mirror.put(egg.getId(), egg);
      }
      return mirror.values();
    });
  }

  private static Egg parse(ByteString bytes) {
    try {
      return Egg.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new JuiceException(ErrorCode.DATA_CORRUPTION, "undecodable egg record", e);
    }
  }
}
