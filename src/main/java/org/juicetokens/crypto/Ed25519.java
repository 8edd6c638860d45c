package org.juicetokens.crypto;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.security.SecureRandom;

/**
 * Ed25519 signatures (RFC 8032) through BouncyCastle's lightweight API, used directly rather
 * than through the JCA provider so keys are plain 32-byte values with no provider registration.
 * Signing and verifying are pure and thread-safe (a new signer per call). {@link #verify} never
 * throws: a key or signature of the wrong size, or one that does not decode, is simply invalid.
 */
public final class Ed25519 {
  public static final int PUBLIC_KEY_BYTES = Ed25519PublicKeyParameters.KEY_SIZE;
  public static final int PRIVATE_KEY_BYTES = Ed25519PrivateKeyParameters.KEY_SIZE;
  public static final int SIGNATURE_BYTES = Ed25519PrivateKeyParameters.SIGNATURE_SIZE;

  private Ed25519() {
  }

  /** A new private key (its 32-byte seed) from {@code random}. */
  public static PrivateKey generate(SecureRandom random) {
    return new PrivateKey(new Ed25519PrivateKeyParameters(random));
  }

  /** The private key of a 32-byte seed; other sizes throw IllegalArgumentException. */
  public static PrivateKey privateKey(byte[] seed) {
    if (seed == null || seed.length != PRIVATE_KEY_BYTES) {
      throw new IllegalArgumentException("an Ed25519 private key is " + PRIVATE_KEY_BYTES + " bytes, got "
        + (seed == null ? "none" : seed.length));
    }
    return new PrivateKey(new Ed25519PrivateKeyParameters(seed, 0));
  }

  /**
   * Whether {@code signature} is {@code publicKey}'s signature of {@code data}. Goes through the
   * shared memo of positive verifications ({@link VerifiedSignatures}): these exact bytes verified
   * before answer {@code true} without the curve arithmetic; anything else is verified for real.
   */
  public static boolean verify(byte[] publicKey, byte[] data, byte[] signature) {
    if (!wellFormed(publicKey, data, signature)) {
      return false;
    }
    return VerifiedSignatures.shared().verify(publicKey, data, signature, Ed25519::verifyUncached);
  }

  /** {@link #verify} without the memo: always the curve arithmetic (benchmarks, and the memo's own misses). */
  public static boolean verifyUncached(byte[] publicKey, byte[] data, byte[] signature) {
    if (!wellFormed(publicKey, data, signature)) {
      return false;
    }
    try {
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
      verifier.update(data, 0, data.length);
      return verifier.verifySignature(signature);
    } catch (RuntimeException e) {
      // a public key that is not a curve point
      return false;
    }
  }

  private static boolean wellFormed(byte[] publicKey, byte[] data, byte[] signature) {
    return publicKey != null && publicKey.length == PUBLIC_KEY_BYTES && signature != null && signature.length == SIGNATURE_BYTES
      && data != null;
  }

  /**
   * A private key. It never prints its secret: {@link #toString} shows the public key only, so a
   * key that ends up in a log line or an exception message leaks nothing.
   */
  public static final class PrivateKey {
    private final Ed25519PrivateKeyParameters parameters;
    private final byte[] publicKey;

    private PrivateKey(Ed25519PrivateKeyParameters parameters) {
      this.parameters = parameters;
      this.publicKey = parameters.generatePublicKey().getEncoded();
    }

    public byte[] publicKey() {
      return publicKey.clone();
    }

    public byte[] sign(byte[] data) {
      Ed25519Signer signer = new Ed25519Signer();
      signer.init(true, parameters);
      signer.update(data, 0, data.length);
      return signer.generateSignature();
    }

    /** The 32-byte seed, for the key file only. */
    public byte[] seed() {
      return parameters.getEncoded();
    }

    @Override
    public String toString() {
      return "Ed25519PrivateKey[public=" + Hex.of(publicKey) + "]";
    }
  }
}
