package org.juicetokens.trust.identity;

import org.juicetokens.trust.identity.proto.IdentityDocument;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest identity document this node has verified per identity, so a later read refuses an
 * older one (a replayed document) or one that forks from it. Bounded: beyond {@code capacity}
 * an arbitrary entry is forgotten (a forgotten identity is checked on its own again).
 */
final class KnownDocuments {
  private final Map<String, IdentityDocument> byId = new ConcurrentHashMap<>();
  private final int capacity;

  KnownDocuments(int capacity) {
    this.capacity = capacity;
  }

  IdentityDocument get(String id) {
    return byId.get(id);
  }

  void remember(IdentityDocument document) {
    if (byId.size() >= capacity && !byId.containsKey(document.getId())) {
      Iterator<String> any = byId.keySet().iterator();
      if (any.hasNext()) {
        byId.remove(any.next());
      }
    }
    byId.merge(document.getId(), document, (old, now) -> now.getSequence() >= old.getSequence() ? now : old);
  }
}
