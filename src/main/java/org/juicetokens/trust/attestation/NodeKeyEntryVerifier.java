package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.trust.attestation.proto.NodeKeyRecord;

/**
 * The DHT verifier of {@code jt.nodeKeys} (signed-only): the entry is a NodeKeyRecord of the node
 * named by the key, written by that node (signer id) with one of the keys it lists, every listed
 * key an Ed25519 public key. Pure, never throws.
 */
final class NodeKeyEntryVerifier implements DhtEntryVerifier {

  static NodeKeyRecord decode(ByteString value) {
    try {
      return NodeKeyRecord.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  @Override
  public boolean verify(String map, String key, DhtEntry entry) {
    NodeKeyRecord record = decode(entry.getValue());
    if (record == null || !record.getNodeId().equals(key) || !key.equals(entry.getSignerId()) || record.getPublicKeysCount() == 0
      || record.getPublicKeysList().stream().anyMatch(k -> k.size() != Ed25519.PUBLIC_KEY_BYTES)
      || !record.getPublicKeysList().contains(entry.getSignerPublicKey())) {
      return false;
    }
    return Ed25519.verify(entry.getSignerPublicKey().toByteArray(), DhtEntryVerifier.signedBytes(map, key, entry),
      entry.getSignature().toByteArray());
  }
}
