package org.juicetokens.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeyTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void is_created_with_32_bytes_and_mode_0600_then_reused(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("sub").resolve("master.key");
    MasterKey created = MasterKey.loadOrCreate(file, random);
    assertThat(created.created()).isTrue();
    assertThat(Files.size(file)).isEqualTo(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(tmp.resolve("sub")).isDirectoryNotContaining("glob:**.tmp");

    MasterKey loaded = MasterKey.loadOrCreate(file, random);
    assertThat(loaded.created()).isFalse();
    assertThat(loaded.bytes()).isEqualTo(created.bytes());
  }

  @Test
  void a_file_of_the_wrong_size_is_refused_naming_the_file(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("master.key");
    Files.write(file, new byte[31]);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> MasterKey.loadOrCreate(file, random))
      .isInstanceOf(IllegalStateException.class)
      .hasMessageContaining(file.toString()).hasMessageContaining("31 bytes").hasMessageContaining("exactly 32");
  }

  @Test
  void a_file_readable_by_others_is_refused_with_the_fix(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("master.key");
    Files.write(file, new byte[32]);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> MasterKey.loadOrCreate(file, random))
      .isInstanceOf(IllegalStateException.class)
      .hasMessageContaining("rw-r--r--").hasMessageContaining("chmod 600");
  }

  @Test
  void to_string_never_shows_the_key(@TempDir Path tmp) {
    MasterKey key = MasterKey.loadOrCreate(tmp.resolve("master.key"), random);
    assertThat(key.toString()).doesNotContain(Hex.of(key.bytes())).contains("master.key");
  }
}
