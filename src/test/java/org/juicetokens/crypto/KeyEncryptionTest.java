package org.juicetokens.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyEncryptionTest {
  private final SecureRandom random = new SecureRandom();

  private KeyEncryption sealer(Path dir) {
    return new KeyEncryption(MasterKey.loadOrCreate(dir.resolve("master.key"), random), random);
  }

  @Test
  void seals_and_opens_with_a_fresh_nonce_each_time(@TempDir Path tmp) {
    KeyEncryption sealer = sealer(tmp);
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    byte[] aad = KeyEncryption.keyAad("id", 0);
    byte[] first = sealer.seal(seed, aad);
    byte[] second = sealer.seal(seed, aad);
    assertThat(first).hasSize(KeyEncryption.NONCE_BYTES + 32 + 16).isNotEqualTo(second);
    assertThat(Arrays.copyOf(first, 12)).isNotEqualTo(Arrays.copyOf(second, 12));
    assertThat(sealer.open(first, aad)).isEqualTo(seed);
    assertThat(sealer.open(second, aad)).isEqualTo(seed);
  }

  @Test
  void a_record_moved_to_another_identity_or_index_does_not_open(@TempDir Path tmp) {
    KeyEncryption sealer = sealer(tmp);
    byte[] sealed = sealer.seal(new byte[32], KeyEncryption.keyAad("alice", 0));
    assertThatThrownBy(() -> sealer.open(sealed, KeyEncryption.keyAad("bob", 0))).isInstanceOf(KeyEncryption.SealBrokenException.class);
    assertThatThrownBy(() -> sealer.open(sealed, KeyEncryption.keyAad("alice", 1))).isInstanceOf(KeyEncryption.SealBrokenException.class);
  }

  @Test
  void altered_bytes_another_master_key_or_a_short_record_do_not_open(@TempDir Path tmp) {
    KeyEncryption sealer = sealer(tmp.resolve("one"));
    byte[] aad = KeyEncryption.keyAad("alice", 0);
    byte[] sealed = sealer.seal(new byte[32], aad);
    byte[] altered = sealed.clone();
    altered[20] ^= 1;
    assertThatThrownBy(() -> sealer.open(altered, aad)).isInstanceOf(KeyEncryption.SealBrokenException.class);
    assertThatThrownBy(() -> sealer(tmp.resolve("two")).open(sealed, aad)).isInstanceOf(KeyEncryption.SealBrokenException.class);
    assertThatThrownBy(() -> sealer.open(new byte[10], aad)).isInstanceOf(KeyEncryption.SealBrokenException.class)
      .hasMessageContaining("too short");
  }
}
