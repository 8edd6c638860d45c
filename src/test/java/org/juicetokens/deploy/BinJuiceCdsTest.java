package org.juicetokens.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/juice's class-data archive (dynamic CDS), on a copy of the script next to a stand-in jar
 * ({@link FakeNodeMain}): the first `node` records the archive with a training run that sees none
 * of the caller's JT_ variables, later runs map it, an archive older than the jar is recorded again
 * and JT_CDS=off runs without it.
 */
class BinJuiceCdsTest {
  @TempDir
  Path root;

  @Test
  void first_node_start_records_the_archive_and_later_runs_use_it_until_the_jar_changes() throws IOException {
    Path jar = fakeCheckout();
    Path jsa = root.resolve("target/juicetokens-node-fat.jsa");

    Commands.Result client = juice(Map.of(), "--version");
    assertThat(client.exit()).isZero();
    assertThat(Files.exists(jsa)).as("a client command never trains").isFalse();
    assertThat(client.output()).doesNotContain("SharedArchiveFile");

    Commands.Result trained = juice(Map.of("JT_CDS", "on"), "node", "--probe");
    assertThat(trained.output()).contains("recording the class-data archive").contains("jvm -XX:SharedArchiveFile=" + jsa);
    assertThat(Files.size(jsa)).isPositive();

    Commands.Result using = juice(Map.of("JT_CLUSTER_MEMBERS", "10.0.0.1:5701"), "--version");
    assertThat(using.output()).contains("jvm -XX:SharedArchiveFile=" + jsa).contains("env JT_CLUSTER_MEMBERS")
      .doesNotContain("recording");
    assertThat(juice(Map.of("JT_CDS", "off"), "--version").output()).doesNotContain("SharedArchiveFile");

    // a rebuilt jar: the old archive is not used, the next node start records a new one
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jsa).toMillis() + 1));
    assertThat(juice(Map.of(), "--version").output()).doesNotContain("SharedArchiveFile");
    assertThat(juice(Map.of(), "node", "--probe").output()).contains("recording the class-data archive");
    assertThat(juice(Map.of(), "--version").output()).contains("jvm -XX:SharedArchiveFile=" + jsa);
  }

  @Test
  void training_runs_without_the_callers_settings_and_a_failed_one_leaves_no_archive_and_is_not_repeated() throws IOException {
    fakeCheckout();
    Path jsa = root.resolve("target/juicetokens-node-fat.jsa");
    // the stand-in comes up only with the training's node id and no API token: an archive means the
    // caller's variables stayed out of the training (the real node then gets them)
    Commands.Result r = juice(Map.of("JT_NODE_ID", "mine", "JT_API_TOKEN", "secret"), "node", "--probe");
    assertThat(r.output()).contains("recording the class-data archive").contains("env JT_NODE_ID", "env JT_API_TOKEN");
    assertThat(jsa).exists();
    Files.delete(jsa);

    // a training that never comes up (no java main in the jar): no archive, and the command still runs java
    Files.write(root.resolve("target/juicetokens-node-fat.jar"), new byte[0]);
    Commands.Result failed = juice(Map.of(), "node");
    assertThat(failed.output()).contains("no class-data archive this time");
    assertThat(jsa).doesNotExist();
    // and is not tried again for the same jar (every start would pay for it)
    assertThat(juice(Map.of(), "node").output()).doesNotContain("recording the class-data archive");
  }

  private Commands.Result juice(Map<String, String> env, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("bin/juice").toString()));
    command.addAll(List.of(args));
    Commands.Result r = Commands.run(command, env);
    assertThat(r).as("bash runs").isNotNull();
    return r;
  }

  /** bin/juice and a jar whose main is FakeNodeMain, laid out as in a checkout (no sources: never stale). */
  private Path fakeCheckout() throws IOException {
    Files.createDirectories(root.resolve("bin"));
    Files.createDirectories(root.resolve("target"));
    Files.copy(Path.of("bin", "juice"), root.resolve("bin/juice"));
    Path jar = root.resolve("target/juicetokens-node-fat.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeNodeMain.class.getName());
    String entry = FakeNodeMain.class.getName().replace('.', '/') + ".class";
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
      jarOut.putNextEntry(new JarEntry(entry));
      jarOut.write(FakeNodeMain.class.getResourceAsStream("/" + entry).readAllBytes());
      jarOut.closeEntry();
    }
    return jar;
  }
}
