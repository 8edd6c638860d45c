package org.juicetokens.extension.examples;

import com.google.protobuf.util.JsonFormat;
import org.juicetokens.extension.proto.Capability;
import org.juicetokens.extension.proto.ExtensionManifest;
import org.juicetokens.extension.proto.Impact;
import org.juicetokens.extension.spi.Hook;
import org.juicetokens.extension.spi.JuiceExtension;
import org.juicetokens.extension.spi.Permission;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped manifests (conf/extensions/*.json) are proto3 JSON of ExtensionManifest that the
 * registry's checks accept: known hooks each covered by a permission, every capability covered,
 * an entry class on the class path that starts with the manifest's own config.
 */
class ExampleManifestsTest {

  @ParameterizedTest
  @ValueSource(strings = {"token-watcher", "webhook-notifier"})
  void shipped_manifest_is_consistent_and_its_extension_starts_with_its_config(String id) throws Exception {
    ExtensionManifest.Builder builder = ExtensionManifest.newBuilder();
    JsonFormat.parser().merge(Files.readString(Path.of("conf/extensions/" + id + ".json")), builder);
    ExtensionManifest manifest = builder.build();

    assertThat(manifest.getId()).isEqualTo(id).matches("[a-z0-9][a-z0-9.-]{2,63}");
    assertThat(manifest.getPublisherPublicKey()).as("unsigned: the operator signs it").isEmpty();
    assertThat(manifest.getPermissionsList()).allSatisfy(p -> assertThat(Permission.of(p)).as(p).isPresent());
    assertThat(manifest.getHooksList()).isNotEmpty().allSatisfy(h -> {
      Hook hook = Hook.of(h).orElseThrow(() -> new AssertionError("unknown hook " + h));
      hook.needs().ifPresent(needed -> assertThat(manifest.getPermissionsList()).as(h).contains(needed.wireName()));
    });
    assertThat(manifest.getCapabilitiesList()).isNotEmpty().allSatisfy((Capability c) -> {
      assertThat(manifest.getPermissionsList()).as(c.getName()).contains(c.getRequires());
      assertThat(c.getImpact()).isIn(Impact.LOW, Impact.MEDIUM, Impact.HIGH);
    });
    assertThat(manifest.getPermissionsList()).contains(Permission.NOTIFY.wireName());

    Object instance = Class.forName(manifest.getEntryClass()).getConstructor().newInstance();
    assertThat(instance).isInstanceOf(JuiceExtension.class);
    assertThat(((JuiceExtension) instance).start(new RecordingContext(manifest.getConfigMap())).succeeded()).isTrue();
  }
}
