package org.juicetokens.extension;

import io.vertx.core.Future;
import org.juicetokens.extension.proto.ExtensionRecord;

import java.util.List;

/** Where the registry keeps its records: every save durable (synced) before it completes. */
public interface ExtensionStore {
  Future<Void> save(ExtensionRecord record);

  /** Every record kept. */
  Future<List<ExtensionRecord>> loadAll();
}
