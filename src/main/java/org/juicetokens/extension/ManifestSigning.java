package org.juicetokens.extension;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.crypto.Hex;
import org.juicetokens.extension.proto.ExtensionManifest;
import org.juicetokens.extension.proto.SignedManifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/**
 * The one definition of what a publisher signs: the manifest's deterministic protobuf bytes
 * (map entries in key order, so the config map cannot make two encodings of one manifest). The
 * registry's check, {@code bin/juice ext sign} and the tests all go through here.
 */
public final class ManifestSigning {
  private ManifestSigning() {
  }

  /** The bytes signed: {@code manifest} serialized deterministically. */
  public static byte[] bytes(ExtensionManifest manifest) {
    byte[] out = new byte[manifest.getSerializedSize()];
    CodedOutputStream stream = CodedOutputStream.newInstance(out);
    stream.useDeterministicSerialization();
    try {
      manifest.writeTo(stream);
      stream.checkNoSpaceLeft();
    } catch (IOException e) {
      // an array of exactly the serialized size: cannot happen
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The manifest with {@code key}'s public key as its publisher, signed by {@code key}. */
  public static SignedManifest sign(ExtensionManifest manifest, Ed25519.PrivateKey key) {
    ExtensionManifest published = manifest.toBuilder().setPublisherPublicKey(Hex.of(key.publicKey())).build();
    return SignedManifest.newBuilder().setManifest(published).setSignature(ByteString.copyFrom(key.sign(bytes(published)))).build();
  }

  /** Whether the signature is the manifest's publisher's over {@link #bytes}; a key that is not hex is simply invalid. */
  public static boolean verify(SignedManifest signed) {
    byte[] publicKey;
    try {
      publicKey = HexFormat.of().parseHex(signed.getManifest().getPublisherPublicKey());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return Ed25519.verify(publicKey, bytes(signed.getManifest()), signed.getSignature().toByteArray());
  }
}
