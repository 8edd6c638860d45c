package org.juicetokens.extension;

import com.google.protobuf.ByteString;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.crypto.Hex;
import org.juicetokens.extension.proto.ExtensionManifest;
import org.juicetokens.extension.proto.SignedManifest;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestSigningTest {
  @Test
  void a_signed_manifest_verifies_and_names_its_signer_as_publisher() {
    SignedManifest signed = Manifests.signed("watcher");
    assertThat(signed.getManifest().getPublisherPublicKey()).isEqualTo(Hex.of(Manifests.PUBLISHER.publicKey()));
    assertThat(ManifestSigning.verify(signed)).isTrue();
  }

  @Test
  void the_signed_bytes_do_not_depend_on_the_order_the_config_map_was_filled_in() {
    ExtensionManifest a = Manifests.manifest("watcher").clearConfig().putConfig("a", "1").putConfig("z", "2").putConfig("m", "3").build();
    ExtensionManifest b = Manifests.manifest("watcher").clearConfig().putConfig("m", "3").putConfig("z", "2").putConfig("a", "1").build();
    assertThat(ManifestSigning.bytes(a)).isEqualTo(ManifestSigning.bytes(b));
  }

  @Test
  void any_change_after_signing_breaks_the_signature() {
    SignedManifest signed = Manifests.signed("watcher");
    SignedManifest changedConfig = signed.toBuilder().setManifest(signed.getManifest().toBuilder().putConfig("threshold", "1")).build();
    SignedManifest addedPermission = signed.toBuilder().setManifest(signed.getManifest().toBuilder().addPermissions("notify")).build();
    Ed25519.PrivateKey other = Ed25519.generate(new SecureRandom());
    SignedManifest otherSigner = signed.toBuilder().setSignature(ByteString.copyFrom(other.sign(ManifestSigning.bytes(signed.getManifest()))))
      .build();
    assertThat(ManifestSigning.verify(changedConfig)).isFalse();
    assertThat(ManifestSigning.verify(addedPermission)).isFalse();
    assertThat(ManifestSigning.verify(otherSigner)).isFalse();
    assertThat(ManifestSigning.verify(signed.toBuilder().clearSignature().build())).isFalse();
  }

  @Test
  void a_publisher_key_that_is_not_hex_is_simply_invalid() {
    SignedManifest signed = Manifests.signed("watcher");
    assertThat(ManifestSigning.verify(signed.toBuilder().setManifest(signed.getManifest().toBuilder().setPublisherPublicKey("zz")).build()))
      .isFalse();
  }
}
