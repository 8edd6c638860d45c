package org.juicetokens.extension;

import io.vertx.core.Future;
import org.juicetokens.extension.proto.ExtensionRecord;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An in-memory ExtensionStore for the registry's unit tests, counting writes. */
final class MemoryStore implements ExtensionStore {
  final Map<String, ExtensionRecord> records = new TreeMap<>();
  int writes;

  @Override
  public Future<Void> save(ExtensionRecord record) {
    writes++;
    records.put(record.getSigned().getManifest().getId(), record);
    return Future.succeededFuture();
  }

  @Override
  public Future<List<ExtensionRecord>> loadAll() {
    return Future.succeededFuture(List.copyOf(records.values()));
  }
}
