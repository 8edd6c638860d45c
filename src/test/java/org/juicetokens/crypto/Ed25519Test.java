package org.juicetokens.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ed25519Test {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] DATA = "pay 1.00 to bob".getBytes(StandardCharsets.UTF_8);

  @Test
  void rfc8032_test_vector_one_signs_and_verifies() {
    Ed25519.PrivateKey key = Ed25519.privateKey(HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    byte[] expectedSignature = HEX.parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bac"
      + "c61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

    assertThat(Hex.of(key.publicKey())).isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    assertThat(key.sign(new byte[0])).isEqualTo(expectedSignature);
    assertThat(Ed25519.verify(key.publicKey(), new byte[0], expectedSignature)).isTrue();
  }

  @Test
  void a_signature_verifies_under_its_key_only() {
    Ed25519.PrivateKey key = Ed25519.generate(new SecureRandom());
    Ed25519.PrivateKey other = Ed25519.generate(new SecureRandom());
    byte[] signature = key.sign(DATA);

    assertThat(signature).hasSize(Ed25519.SIGNATURE_BYTES);
    assertThat(Ed25519.verify(key.publicKey(), DATA, signature)).isTrue();
    assertThat(Ed25519.verify(other.publicKey(), DATA, signature)).isFalse();
  }

  @Test
  void tampered_data_or_signature_does_not_verify() {
    Ed25519.PrivateKey key = Ed25519.generate(new SecureRandom());
    byte[] signature = key.sign(DATA);
    byte[] tamperedData = DATA.clone();
    tamperedData[4] ^= 1;
    byte[] tamperedSignature = signature.clone();
    tamperedSignature[10] ^= 1;

    assertThat(Ed25519.verify(key.publicKey(), tamperedData, signature)).isFalse();
    assertThat(Ed25519.verify(key.publicKey(), DATA, tamperedSignature)).isFalse();
  }

  @Test
  void malformed_keys_and_signatures_are_invalid_not_exceptions() {
    Ed25519.PrivateKey key = Ed25519.generate(new SecureRandom());
    byte[] signature = key.sign(DATA);

    assertThat(Ed25519.verify(new byte[5], DATA, signature)).isFalse();
    assertThat(Ed25519.verify(key.publicKey(), DATA, new byte[3])).isFalse();
    assertThat(Ed25519.verify(null, DATA, signature)).isFalse();
    assertThat(Ed25519.verify(key.publicKey(), null, signature)).isFalse();
    // 32 bytes that are not a point on the curve
    byte[] notAPoint = new byte[32];
    java.util.Arrays.fill(notAPoint, (byte) 0xff);
    assertThat(Ed25519.verify(notAPoint, DATA, signature)).isFalse();
    assertThatThrownBy(() -> Ed25519.privateKey(new byte[31])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_private_key_prints_its_public_key_only() {
    Ed25519.PrivateKey key = Ed25519.generate(new SecureRandom());

    assertThat(key.toString()).contains(Hex.of(key.publicKey())).doesNotContain(Hex.of(key.seed()));
  }
}
