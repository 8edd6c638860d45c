package org.juicetokens.extension.runtime;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.extension.proto.ExtensionManifest;
import org.juicetokens.extension.runtime.testext.NoDefaultConstructorExtension;
import org.juicetokens.extension.runtime.testext.NotAnExtension;
import org.juicetokens.extension.runtime.testext.RecordingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLClassLoader;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExtensionLoaderTest {
  @TempDir
  Path dir;

  private ExtensionLoader loader() {
    return new ExtensionLoader(dir, getClass().getClassLoader());
  }

  private static ExtensionManifest manifest(String entryClass, String jar) {
    return ExtensionManifest.newBuilder().setId("probe").setEntryClass(entryClass).setJar(jar).build();
  }

  @Test
  void an_entry_class_on_the_class_path_is_instantiated_without_a_loader_of_its_own() {
    ExtensionLoader.Loaded loaded = loader().load(manifest(RecordingExtension.class.getName(), ""));
    assertThat(loaded.extension()).isInstanceOf(RecordingExtension.class);
    assertThat(loaded.loader()).isEmpty();
  }

  @Test
  void a_missing_class_is_refused_with_its_name() {
    assertThatThrownBy(() -> loader().load(manifest("org.example.Missing", "")))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
      .hasMessageContaining("entry class org.example.Missing not found in the node's class path");
  }

  @Test
  void a_class_that_is_not_a_juice_extension_is_refused() {
    assertThatThrownBy(() -> loader().load(manifest(NotAnExtension.class.getName(), "")))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
      .hasMessageContaining("does not implement org.juicetokens.extension.spi.JuiceExtension");
  }

  @Test
  void a_class_without_a_public_no_argument_constructor_is_refused() {
    assertThatThrownBy(() -> loader().load(manifest(NoDefaultConstructorExtension.class.getName(), "")))
      .hasMessageContaining("has no public no-argument constructor");
  }

  @Test
  void an_empty_entry_class_is_refused() {
    assertThatThrownBy(() -> loader().load(manifest("", ""))).hasMessageContaining("has no entry_class");
  }

  @Test
  void a_jar_name_with_a_directory_part_is_refused() {
    assertThatThrownBy(() -> loader().load(manifest("jarext.JarExtension", "../other.jar")))
      .hasMessageContaining("a plain file name ending in .jar is expected");
  }

  @Test
  void a_missing_jar_is_refused_with_the_directory() {
    assertThatThrownBy(() -> loader().load(manifest("jarext.JarExtension", "absent.jar")))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
      .hasMessageContaining("jar absent.jar not found in " + dir);
  }

  @Test
  void an_entry_class_in_a_jar_of_the_extensions_directory_is_loaded_by_its_own_class_loader() throws Exception {
    TestJars.extensionJar(dir, "watcher.jar");
    ExtensionLoader.Loaded loaded = loader().load(manifest(TestJars.CLASS, "watcher.jar"));
    assertThat(loaded.extension().getClass().getName()).isEqualTo(TestJars.CLASS);
    assertThat(loaded.loader()).isPresent();
    assertThat(loaded.extension().getClass().getClassLoader()).isInstanceOf(URLClassLoader.class);
    assertThat(loaded.extension().getClass().getClassLoader().getName()).isEqualTo("extension-probe");
    loaded.close();
    // the class is not on the node's class path: only the jar has it
    assertThatThrownBy(() -> loader().load(manifest(TestJars.CLASS, ""))).hasMessageContaining("not found");
  }

  @Test
  void a_class_missing_from_the_named_jar_is_refused_with_the_jar() throws Exception {
    TestJars.extensionJar(dir, "watcher.jar");
    assertThatThrownBy(() -> loader().load(manifest("jarext.Other", "watcher.jar")))
      .hasMessageContaining("entry class jarext.Other not found in jar watcher.jar");
  }
}
