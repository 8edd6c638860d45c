package org.juicetokens.trust.identity;

import org.juicetokens.crypto.Ed25519;
import org.juicetokens.trust.identity.proto.IdentitySummary;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identities homed on this node, in memory: the document last confirmed in the DHT and,
 * once needed, its active private key (opened from the keystore on first use, dropped when the
 * document changes). Written only on the identity verticle's event loop; read by the gauge and
 * the stats from any thread.
 */
final class HomedIdentities {

  /** One homed identity; {@code activeKey} is null until loaded (and after revocation). */
  record Homed(IdentityDocuments.Signed current, Ed25519.PrivateKey activeKey) {
    long sequence() {
      return current.document().getSequence();
    }
  }

  private final Map<String, Homed> byId = new ConcurrentHashMap<>();

  Homed get(String id) {
    return id == null ? null : byId.get(id);
  }

  void put(IdentityDocuments.Signed current, Ed25519.PrivateKey activeKey) {
    byId.put(current.id(), new Homed(current, activeKey));
  }

  /** Attaches a key loaded for {@code sequence}, unless the identity moved on meanwhile. */
  Homed attachKey(String id, long sequence, Ed25519.PrivateKey key) {
    return byId.computeIfPresent(id, (k, h) -> h.sequence() == sequence ? new Homed(h.current(), key) : h);
  }

  int size() {
    return byId.size();
  }

  /** The {@code limit} most recently updated, newest first. */
  List<IdentitySummary> latest(int limit) {
    return byId.values().stream()
      .map(h -> h.current().document())
      .sorted(Comparator.comparingLong((org.juicetokens.trust.identity.proto.IdentityDocument d) -> d.getUpdatedAtMs()).reversed())
      .limit(limit)
      .map(d -> IdentitySummary.newBuilder().setId(d.getId()).setDisplayName(d.getDisplayName()).setSequence(d.getSequence())
        .setStatus(d.getStatus()).setUpdatedAtMs(d.getUpdatedAtMs()).build())
      .toList();
  }
}
