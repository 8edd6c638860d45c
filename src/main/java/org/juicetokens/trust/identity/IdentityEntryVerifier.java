package org.juicetokens.trust.identity;

import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.trust.identity.proto.IdentityDocument;
import org.juicetokens.trust.identity.proto.SignedIdentityDocument;

/**
 * The DHT verifier of {@code jt.identities} (registered signed-only): an entry is trusted when
 * its value is a valid signed identity document ({@link IdentityDocuments#verify}) stored under
 * its own id, and the entry itself is signed by that identity with the document's signer key
 * (the active key, or for a rotation the key it replaced). So an entry put straight into the
 * Hazelcast map, a document moved to another key, or a document altered after signing is
 * refused on read. Pure, two or three signature checks, never throws.
 */
public final class IdentityEntryVerifier implements DhtEntryVerifier {

  @Override
  public boolean verify(String map, String key, DhtEntry entry) {
    SignedIdentityDocument signed;
    try {
      signed = SignedIdentityDocument.parseFrom(entry.getValue());
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
    Verification verification = IdentityDocuments.verify(signed, null);
    if (!verification.isValid()) {
      return false;
    }
    IdentityDocument document = verification.document();
    return document.getId().equals(key)
      && document.getId().equals(entry.getSignerId())
      && document.getKeys(signed.getSignerKey()).getPublicKey().equals(entry.getSignerPublicKey())
      && Ed25519.verify(entry.getSignerPublicKey().toByteArray(), DhtEntryVerifier.signedBytes(map, key, entry),
      entry.getSignature().toByteArray());
  }
}
