package org.juicetokens.extension;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.crypto.Hex;
import org.juicetokens.extension.proto.Capability;
import org.juicetokens.extension.proto.Impact;
import org.juicetokens.extension.proto.SignedManifest;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.juicetokens.extension.Manifests.manifest;
import static org.juicetokens.extension.Manifests.signed;

class ManifestCheckTest {
  private final ManifestCheck anyPublisher = new ManifestCheck(List.of());

  @Test
  void a_valid_signed_manifest_passes() {
    SignedManifest ok = signed("token-watcher.v2");
    assertThat(anyPublisher.check(ok)).isSameAs(ok);
    assertThat(anyPublisher.check(signed(manifest("jarred").setJar("webhook-notifier-1.0.jar")))).isNotNull();
    assertThat(anyPublisher.check(signed(manifest("health-only").clearPermissions().clearCapabilities().clearHooks()
      .addHooks("health.changed")))).as("health.changed needs no permission").isNotNull();
  }

  @Test
  void a_hook_whose_permission_is_missing_is_accepted_its_events_are_just_never_delivered() {
    assertThat(anyPublisher.check(signed(manifest("blind").addHooks("token.created")))).isNotNull();
  }

  @Test
  void unknown_hook_is_refused_with_the_reason() {
    refused(signed(manifest("w-1").addHooks("token.burnt")), ErrorCode.INVALID_ARGUMENT, "unknown hook 'token.burnt'");
  }

  @Test
  void unknown_permission_is_refused_with_the_reason() {
    refused(signed(manifest("w-1").addPermissions("tokens:write")), ErrorCode.INVALID_ARGUMENT, "unknown permission 'tokens:write'");
  }

  @Test
  void a_capability_not_covered_by_a_permission_is_refused() {
    refused(signed(manifest("w-1").addCapabilities(Capability.newBuilder().setName("post webhooks").setImpact(Impact.HIGH)
      .setRequires("notify"))), ErrorCode.INVALID_ARGUMENT, "capability 'post webhooks' is not covered by a permission");
    refused(signed(manifest("w-1").addCapabilities(Capability.newBuilder().setName("no impact").setRequires("transactions:read"))),
      ErrorCode.INVALID_ARGUMENT, "needs an impact");
  }

  @Test
  void a_bad_signature_is_refused() {
    SignedManifest good = signed("w-1");
    refused(good.toBuilder().setManifest(good.getManifest().toBuilder().setVersion("6.6.6")).build(), ErrorCode.INVALID_ARGUMENT,
      "bad signature");
    refused(good.toBuilder().clearSignature().build(), ErrorCode.INVALID_ARGUMENT, "bad signature");
  }

  @Test
  void an_untrusted_publisher_is_refused_when_the_node_names_its_publishers() {
    Ed25519.PrivateKey other = Ed25519.generate(new SecureRandom());
    ManifestCheck trusting = new ManifestCheck(List.of(Hex.of(other.publicKey()).toUpperCase(), " "));
    assertThatThrownBy(() -> trusting.check(signed("w-1"))).isInstanceOfSatisfying(JuiceException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
      assertThat(e.getMessage()).contains("not in extension.trustedPublishers");
    });
    assertThat(trusting.check(ManifestSigning.sign(manifest("w-1").build(), other))).as("the trusted key, named in upper case").isNotNull();
  }

  @Test
  void ids_entry_classes_and_jar_names_must_be_well_formed() {
    refused(signed(manifest("X")), ErrorCode.INVALID_ARGUMENT, "extension id 'X'");
    refused(signed(manifest("ab")), ErrorCode.INVALID_ARGUMENT, "must match");
    refused(signed(manifest("w-1").setEntryClass("")), ErrorCode.INVALID_ARGUMENT, "entry_class");
    refused(signed(manifest("w-1").setEntryClass("not a class")), ErrorCode.INVALID_ARGUMENT, "entry_class");
    refused(signed(manifest("w-1").setName("")), ErrorCode.INVALID_ARGUMENT, "name and version");
    for (String jar : List.of("../evil.jar", "lib/x.jar", "..\\x.jar", "/etc/x.jar", "x..jar", ".hidden.jar", "x.zip")) {
      refused(signed(manifest("w-1").setJar(jar)), ErrorCode.INVALID_ARGUMENT, "jar '" + jar + "'");
    }
  }

  @Test
  void hooks_and_permissions_listed_twice_are_refused() {
    refused(signed(manifest("w-1").addHooks("transaction.state")), ErrorCode.INVALID_ARGUMENT, "listed twice");
    refused(signed(manifest("w-1").addPermissions("transactions:read")), ErrorCode.INVALID_ARGUMENT, "listed twice");
  }

  private void refused(SignedManifest signed, ErrorCode code, String reason) {
    assertThatThrownBy(() -> anyPublisher.check(signed)).isInstanceOfSatisfying(JuiceException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.getMessage()).contains(reason);
    });
  }
}
