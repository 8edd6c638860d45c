package org.juicetokens.foundation.dht;

import com.google.protobuf.ByteString;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * A test double for the identity layer's Ed25519 verifier (which arrives later): the
 * "public key" of a signer is {@code "key-of-" + signerId} and a signature is the HMAC-SHA256
 * of the signed payload under that key. It exercises the hook, not the cryptography.
 */
final class HmacTestVerifier implements DhtEntryVerifier {

  @Override
  public boolean verify(String map, String key, DhtEntry entry) {
    if (!entry.getSignerPublicKey().equals(publicKeyOf(entry.getSignerId()))) {
      return false;
    }
    byte[] expected = mac(entry.getSignerPublicKey().toByteArray(), DhtEntryVerifier.signedBytes(map, key, entry));
    return MessageDigest.isEqual(expected, entry.getSignature().toByteArray());
  }

  static ByteString publicKeyOf(String signerId) {
    return ByteString.copyFromUtf8("key-of-" + signerId);
  }

  /** A put request signed the way this verifier expects. */
  static DhtPutRequest signedPut(String map, String key, String value, String signerId, long writtenAtMs) {
    DhtEntry unsigned = DhtEntry.newBuilder().setValue(ByteString.copyFromUtf8(value)).setWrittenAtMs(writtenAtMs).build();
    byte[] signature = mac(publicKeyOf(signerId).toByteArray(), DhtEntryVerifier.signedBytes(map, key, unsigned));
    return DhtPutRequest.newBuilder()
      .setMap(map)
      .setKey(key)
      .setValue(unsigned.getValue())
      .setWrittenAtMs(writtenAtMs)
      .setSignerId(signerId)
      .setSignerPublicKey(publicKeyOf(signerId))
      .setSignature(ByteString.copyFrom(signature))
      .build();
  }

  private static byte[] mac(byte[] secret, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String utf8(ByteString bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
