package org.juicetokens.node;

import org.juicetokens.crypto.Ed25519;
import org.juicetokens.crypto.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeKeyTest {
  private static final byte[] DATA = "advertisement".getBytes(StandardCharsets.UTF_8);

  @Test
  void first_start_creates_the_key_file_readable_by_the_owner_only(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("n1");

    NodeKey key = NodeKey.loadOrCreate(dir);

    Path file = dir.resolve(NodeKey.FILE_NAME);
    assertThat(file).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Ed25519.verify(key.publicKey(), DATA, key.sign(DATA))).isTrue();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(NodeKey.FILE_NAME);
    }
  }

  @Test
  void later_starts_load_the_same_key(@TempDir Path tmp) {
    NodeKey first = NodeKey.loadOrCreate(tmp);
    NodeKey again = NodeKey.loadOrCreate(tmp);

    assertThat(again.publicKey()).isEqualTo(first.publicKey());
    assertThat(Ed25519.verify(first.publicKey(), DATA, again.sign(DATA))).isTrue();
  }

  @Test
  void a_garbled_key_file_is_refused_with_a_message_naming_it(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve(NodeKey.FILE_NAME), "this is not a key\n");

    assertThatThrownBy(() -> NodeKey.loadOrCreate(tmp))
      .isInstanceOf(IllegalStateException.class)
      .hasMessageContaining(tmp.resolve(NodeKey.FILE_NAME).toString())
      .hasMessageContaining("corrupt");
  }

  @Test
  void a_key_file_whose_private_and_public_parts_disagree_is_refused(@TempDir Path tmp) throws Exception {
    NodeKey.loadOrCreate(tmp);
    Path file = tmp.resolve(NodeKey.FILE_NAME);
    String[] parts = Files.readString(file).trim().split(" ");
    byte[] seed = java.util.Base64.getDecoder().decode(parts[1]);
    seed[0] ^= 1;
    Files.writeString(file, parts[0] + " " + java.util.Base64.getEncoder().encodeToString(seed) + " " + parts[2] + "\n");

    assertThatThrownBy(() -> NodeKey.loadOrCreate(tmp))
      .isInstanceOf(IllegalStateException.class)
      .hasMessageContaining("does not match");
  }

  @Test
  void a_truncated_key_file_is_refused(@TempDir Path tmp) throws Exception {
    NodeKey.loadOrCreate(tmp);
    Path file = tmp.resolve(NodeKey.FILE_NAME);
    String text = Files.readString(file);
    Files.writeString(file, text.substring(0, text.length() / 2));

    assertThatThrownBy(() -> NodeKey.loadOrCreate(tmp)).isInstanceOf(IllegalStateException.class).hasMessageContaining("corrupt");
  }

  @Test
  void a_key_file_readable_by_others_is_tightened_to_owner_only(@TempDir Path tmp) throws Exception {
    NodeKey first = NodeKey.loadOrCreate(tmp);
    Path file = tmp.resolve(NodeKey.FILE_NAME);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    NodeKey again = NodeKey.loadOrCreate(tmp);

    assertThat(again.publicKey()).isEqualTo(first.publicKey());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void the_key_prints_its_public_half_only(@TempDir Path tmp) throws Exception {
    NodeKey key = NodeKey.loadOrCreate(tmp);
    String seed = Files.readString(tmp.resolve(NodeKey.FILE_NAME)).trim().split(" ")[1];

    assertThat(key.toString()).contains(Hex.of(key.publicKey())).doesNotContain(seed);
  }
}
