package org.juicetokens.extension;

import org.juicetokens.crypto.Ed25519;
import org.juicetokens.crypto.SecretFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * An extension publisher's Ed25519 key pair on disk ({@code bin/juice ext keygen}): one line
 * {@code ed25519-publisher <seed base64> <public key base64>}, owner-only, never overwritten. The
 * public key is re-derived on read, so a damaged file is refused instead of signing with another
 * key. Blocking file I/O (the CLI and tests only).
 */
public final class PublisherKeyFile {
  private static final String SCHEME = "ed25519-publisher";

  private PublisherKeyFile() {
  }

  /** Creates a new key pair in {@code file}; FileAlreadyExistsException when the name exists. */
  public static Ed25519.PrivateKey create(Path file) throws IOException {
    Ed25519.PrivateKey key = Ed25519.generate(new SecureRandom());
    byte[] seed = key.seed();
    byte[] line = (SCHEME + " " + Base64.getEncoder().encodeToString(seed) + " " + Base64.getEncoder().encodeToString(key.publicKey()) + "\n")
      .getBytes(StandardCharsets.US_ASCII);
    try {
      SecretFiles.createOwnerOnly(file, line);
    } finally {
      Arrays.fill(seed, (byte) 0);
      Arrays.fill(line, (byte) 0);
    }
    return key;
  }

  /** The key in {@code file}; IllegalArgumentException (naming the file, never the key) when it is not one. */
  public static Ed25519.PrivateKey read(Path file) throws IOException {
    String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
    if (parts.length != 3 || !SCHEME.equals(parts[0])) {
      throw new IllegalArgumentException(file + " is not a publisher key file (expected one line '" + SCHEME + " <seed> <public key>')");
    }
    byte[] seed;
    byte[] stored;
    try {
      seed = Base64.getDecoder().decode(parts[1]);
      stored = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + " is not a publisher key file (not base64)");
    }
    if (seed.length != Ed25519.PRIVATE_KEY_BYTES) {
      throw new IllegalArgumentException(file + " is not a publisher key file (wrong key length)");
    }
    Ed25519.PrivateKey key = Ed25519.privateKey(seed);
    Arrays.fill(seed, (byte) 0);
    if (!Arrays.equals(key.publicKey(), stored)) {
      throw new IllegalArgumentException(file + " is damaged: its private key does not match its public key");
    }
    return key;
  }
}
