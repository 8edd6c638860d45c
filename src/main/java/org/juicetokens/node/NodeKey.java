package org.juicetokens.node;

import org.juicetokens.crypto.Ed25519;
import org.juicetokens.crypto.Hex;
import org.juicetokens.crypto.SecretFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * The node's own Ed25519 key pair (it signs the node's peer advertisements; identities have
 * their own keys). Generated on first start and kept at {@code <nodeDataDir>/node.key}, mode
 * 0600, written atomically (a 0600 temp file, synced, then linked into place), and loaded on later
 * starts. The file is one line {@code ed25519 <seed base64> <public key base64>}; the public key
 * is re-derived on load, so a damaged file is refused with a message naming it instead of
 * silently becoming another node's key. The private key is never printed: {@link #toString} and
 * every message show the public key only.
 */
public final class NodeKey {
  public static final String FILE_NAME = "node.key";
  private static final Logger LOG = LoggerFactory.getLogger(NodeKey.class);
  private static final String SCHEME = "ed25519";

  private final Ed25519.PrivateKey key;
  private final byte[] publicKey;

  private NodeKey(Ed25519.PrivateKey key) {
    this.key = key;
    this.publicKey = key.publicKey();
  }

  /**
   * The key in {@code nodeDataDir}, created there on first use. Blocking file I/O: call before
   * Vert.x starts or on a worker.
   *
   * @throws IllegalStateException when the file exists but is not a valid key (the message says why)
   * @throws UncheckedIOException  when the file cannot be read or written
   */
  public static NodeKey loadOrCreate(Path nodeDataDir) {
    Path file = nodeDataDir.resolve(FILE_NAME);
    try {
      if (Files.exists(file)) {
        return load(file);
      }
      Files.createDirectories(nodeDataDir);
      NodeKey created = new NodeKey(Ed25519.generate(new SecureRandom()));
      try {
        created.write(file);
      } catch (FileAlreadyExistsException raced) {
        // another process created it between our check and our move: theirs is the node's key
        return load(file);
      }
      LOG.info("[Identity] node key created at {} (public key {})", file, Hex.of(created.publicKey));
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException("node key " + file + ": " + e.getMessage(), e);
    }
  }

  /** A key that lives in memory only (contexts built without a data directory, e.g. edge tests). */
  public static NodeKey ephemeral() {
    return new NodeKey(Ed25519.generate(new SecureRandom()));
  }

  private static NodeKey load(Path file) throws IOException {
    tightenPermissions(file);
    String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    String[] parts = text.split(" ");
    if (parts.length != 3 || !SCHEME.equals(parts[0])) {
      throw corrupt(file, "expected one line 'ed25519 <seed> <public key>'");
    }
    byte[] seed;
    byte[] storedPublic;
    try {
      seed = Base64.getDecoder().decode(parts[1]);
      storedPublic = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw corrupt(file, "not base64");
    }
    if (seed.length != Ed25519.PRIVATE_KEY_BYTES || storedPublic.length != Ed25519.PUBLIC_KEY_BYTES) {
      throw corrupt(file, "wrong key length");
    }
    NodeKey key = new NodeKey(Ed25519.privateKey(seed));
    Arrays.fill(seed, (byte) 0);
    if (!Arrays.equals(key.publicKey, storedPublic)) {
      throw corrupt(file, "the private key does not match the stored public key");
    }
    LOG.info("[Identity] node key loaded from {} (public key {})", file, Hex.of(key.publicKey));
    return key;
  }

  private static IllegalStateException corrupt(Path file, String why) {
    return new IllegalStateException("node key file " + file + " is corrupt (" + why + "); restore it from a backup, "
      + "or delete it to give this node a new key");
  }

  /** A key file readable by others is tightened, not refused: the node still owns it. */
  private static void tightenPermissions(Path file) throws IOException {
    if (!SecretFiles.posix(file)) {
      return;
    }
    Set<PosixFilePermission> current = Files.getPosixFilePermissions(file);
    if (!current.equals(SecretFiles.OWNER_ONLY)) {
      LOG.warn("[Identity] node key {} had permissions {}; set to rw-------", file, PosixFilePermissions.toString(current));
      Files.setPosixFilePermissions(file, SecretFiles.OWNER_ONLY);
    }
  }

  private void write(Path file) throws IOException {
    byte[] seed = key.seed();
    byte[] line = (SCHEME + " " + Base64.getEncoder().encodeToString(seed) + " " + Base64.getEncoder().encodeToString(publicKey) + "\n")
      .getBytes(StandardCharsets.US_ASCII);
    try {
      SecretFiles.createOwnerOnly(file, line);
    } finally {
      Arrays.fill(seed, (byte) 0);
      Arrays.fill(line, (byte) 0);
    }
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  public byte[] sign(byte[] data) {
    return key.sign(data);
  }

  @Override
  public String toString() {
    return "NodeKey[public=" + Hex.of(publicKey) + "]";
  }
}
