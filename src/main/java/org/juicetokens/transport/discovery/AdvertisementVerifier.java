package org.juicetokens.transport.discovery;

import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.transport.discovery.proto.PeerAdvertisement;

/**
 * The DHT verifier of {@code jt.peerAdvertisements} (registered signed-only): an entry is
 * trusted when its Ed25519 signature over the DhtSignedPayload (map, key, the serialized
 * advertisement, time) checks under the signer key, and the advertisement names that same key
 * and the same node as both the signer and the map key. So nobody can publish an advertisement
 * for another node, nor move a valid one to another key. Pure, fast (one verify), never throws.
 */
public final class AdvertisementVerifier implements DhtEntryVerifier {

  @Override
  public boolean verify(String map, String key, DhtEntry entry) {
    PeerAdvertisement ad;
    try {
      ad = PeerAdvertisement.parseFrom(entry.getValue());
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
    return ad.getNodeId().equals(key)
      && ad.getNodeId().equals(entry.getSignerId())
      && ad.getNodePublicKey().equals(entry.getSignerPublicKey())
      && Ed25519.verify(entry.getSignerPublicKey().toByteArray(), DhtEntryVerifier.signedBytes(map, key, entry),
      entry.getSignature().toByteArray());
  }
}
