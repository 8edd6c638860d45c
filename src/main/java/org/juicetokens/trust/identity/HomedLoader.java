package org.juicetokens.trust.identity;

import io.vertx.core.Future;
import org.juicetokens.trust.identity.proto.HomedIdentity;
import org.juicetokens.trust.identity.proto.SignedIdentityDocument;

import java.util.ArrayList;
import java.util.List;

/**
 * Loads the identities of this node's keystore into memory at start, finishing or dropping an
 * update whose publication was not confirmed, and claiming documents the DHT lost again.
 * Runs on the identity verticle's event loop.
 */
final class HomedLoader {
  private final Keystore keystore;
  private final IdentityDht dht;
  private final HomedIdentities homed;
  private final KnownDocuments known;

  HomedLoader(Keystore keystore, IdentityDht dht, HomedIdentities homed, KnownDocuments known) {
    this.keystore = keystore;
    this.dht = dht;
    this.homed = homed;
    this.known = known;
  }

  /** The identities of this node's keystore, into memory; a pending update is confirmed when the DHT holds it, else dropped. */
  Future<Integer> load() {
    return keystore.scanHomed().compose(scan -> {
      List<Future<?>> all = new ArrayList<>();
      for (HomedIdentity record : Keystore.decodeHomed(scan)) {
        all.add(restore(record));
      }
      return Future.join(all).map(v -> homed.size());
    });
  }

  /**
   * One keystore record at start. The DHT (memory only) may have lost the document in a full
   * cluster restart: then the newest confirmed document (or an unconfirmed creation) is claimed
   * again. A pending update the DHT holds is confirmed; one it does not hold is dropped. When the
   * DHT cannot be read, the confirmed document is adopted as it is.
   */
  private Future<Void> restore(HomedIdentity record) {
    SignedIdentityDocument published = record.hasPublished() ? record.getPublished() : null;
    SignedIdentityDocument pending = record.hasPending() ? record.getPending() : null;
    SignedIdentityDocument newest = pending != null ? pending : published;
    Verification check = IdentityDocuments.verify(newest, null);
    if (!check.isValid()) {
      return Future.succeededFuture();
    }
    String id = check.document().getId();
    return dht.read(id, true).compose(current -> {
      SignedIdentityDocument kept;
      if (current.isPresent()) {
        kept = pending != null && current.get().equals(pending) ? pending : published;
      } else {
        kept = published != null ? published : pending;
      }
      if (kept == null) {
        return Future.succeededFuture();
      }
      IdentityDocuments.Signed signed = new IdentityDocuments.Signed(IdentityDocuments.verify(kept, null).document(), kept);
      Future<?> republished = current.isPresent() ? Future.succeededFuture()
        : keystore.loadKey(id, kept.getSignerKey()).compose(sealed -> dht.publish(signed, keystore.open(sealed), null));
      return republished.compose(done -> {
        adopt(kept);
        return kept == published && pending == null ? Future.succeededFuture()
          : keystore.write(List.of(Keystore.homeWrite(id, HomedIdentity.newBuilder().setPublished(kept).build())), true).mapEmpty();
      });
    }).recover(failure -> {
      if (published != null) {
        adopt(published);
      }
      return Future.succeededFuture();
    }).mapEmpty();
  }

  private void adopt(SignedIdentityDocument signed) {
    Verification check = IdentityDocuments.verify(signed, null);
    if (check.isValid()) {
      homed.put(new IdentityDocuments.Signed(check.document(), signed), null);
      known.remember(check.document());
    }
  }

}
