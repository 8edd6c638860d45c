package org.juicetokens.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The node master key: 32 random bytes in a file of exactly that size, mode 0600, under which
 * identity keys are sealed at rest ({@link KeyEncryption}). Created on first start, atomically
 * (a 0600 temp file, synced, then hard-linked into place so a concurrent creator's key is never
 * replaced), and loaded on later starts. A file of another size, or one that group or others may
 * read or write, is refused with a message naming the file and the fix: unlike the node key, a
 * master key that others could read has to be treated as leaked, not silently tightened.
 * {@link #toString} never shows the key.
 */
public final class MasterKey {
  public static final int BYTES = 32;
  private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
    PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private final byte[] key;
  private final Path file;
  private final boolean created;

  private MasterKey(byte[] key, Path file, boolean created) {
    this.key = key;
    this.file = file;
    this.created = created;
  }

  /**
   * The key in {@code file}, created there (with its directory) when absent. Blocking file I/O:
   * call off the event loop.
   *
   * @throws IllegalStateException when the file exists but is of the wrong size or too open
   * @throws UncheckedIOException  when it cannot be read or written
   */
  public static MasterKey loadOrCreate(Path file, SecureRandom random) {
    try {
      if (Files.exists(file)) {
        return load(file);
      }
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      byte[] key = new byte[BYTES];
      random.nextBytes(key);
      try {
        SecretFiles.createOwnerOnly(file, key);
      } catch (FileAlreadyExistsException raced) {
        Arrays.fill(key, (byte) 0);
        return load(file);
      }
      return new MasterKey(key, file, true);
    } catch (IOException e) {
      throw new UncheckedIOException("master key " + file + ": " + e.getMessage(), e);
    }
  }

  private static MasterKey load(Path file) throws IOException {
    if (SecretFiles.posix(file)) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
      open.addAll(permissions);
      open.retainAll(TOO_OPEN);
      if (!open.isEmpty()) {
        throw new IllegalStateException("master key file " + file + " has permissions " + PosixFilePermissions.toString(permissions)
          + ": group or others may access it. Restrict it with 'chmod 600 " + file + "' (and consider the keys it seals exposed "
          + "if others could read it)");
      }
    }
    long size = Files.size(file);
    if (size != BYTES) {
      throw new IllegalStateException("master key file " + file + " is " + size + " bytes, expected exactly " + BYTES
        + "; restore it from a backup (a new key cannot open the identity keys sealed under the old one)");
    }
    return new MasterKey(Files.readAllBytes(file), file, false);
  }

  /** The raw key, for {@link KeyEncryption} only. */
  byte[] bytes() {
    return key.clone();
  }

  public Path file() {
    return file;
  }

  /** Whether this start generated the key (else it was loaded). */
  public boolean created() {
    return created;
  }

  @Override
  public String toString() {
    return "MasterKey[file=" + file + "]";
  }
}
