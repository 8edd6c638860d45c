package org.juicetokens.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Seals secrets (identity key seeds) with AES-256-GCM under the {@link MasterKey}, through the
 * JCA. Each seal draws a fresh random 96-bit nonce, so sealing the same seed twice gives
 * different bytes; the output is {@code nonce ‖ ciphertext ‖ 128-bit tag}. The associated data
 * binds a sealed record to where it belongs ({@link #keyAad}: identity id + key index), so a
 * record copied under another identity or index does not open. Thread-safe (a Cipher per call).
 */
public final class KeyEncryption {
  public static final int NONCE_BYTES = 12;
  public static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final SecretKeySpec key;
  private final SecureRandom random;

  public KeyEncryption(MasterKey masterKey, SecureRandom random) {
    byte[] raw = masterKey.bytes();
    this.key = new SecretKeySpec(raw, "AES");
    Arrays.fill(raw, (byte) 0);
    this.random = random;
  }

  /** The associated data of identity key {@code keyIndex} of {@code identityId}. */
  public static byte[] keyAad(String identityId, int keyIndex) {
    return ("jt.identity.key\0" + identityId + "\0" + keyIndex).getBytes(StandardCharsets.UTF_8);
  }

  public byte[] seal(byte[] plaintext, byte[] aad) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      byte[] sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
      System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
      cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_BYTES);
      return sealed;
    } catch (GeneralSecurityException e) {
      // AES-GCM is mandatory in every Java SE implementation: only a broken JVM gets here
      throw new IllegalStateException("AES-GCM unavailable: " + e.getMessage(), e);
    }
  }

  /**
   * The plaintext of {@code sealed}.
   *
   * @throws SealBrokenException when the record does not open: another master key, another
   *                             identity id or key index (AAD), or altered bytes
   */
  public byte[] open(byte[] sealed, byte[] aad) {
    if (sealed == null || sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new SealBrokenException("sealed record too short (" + (sealed == null ? 0 : sealed.length) + " bytes)");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      cipher.updateAAD(aad);
      return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new SealBrokenException("sealed record does not open: another master key, a record moved to another identity or key "
        + "index, or altered bytes");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable: " + e.getMessage(), e);
    }
  }

  /** A sealed record that fails authentication. The message never contains key material. */
  public static final class SealBrokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SealBrokenException(String message) {
      super(message);
    }
  }
}
