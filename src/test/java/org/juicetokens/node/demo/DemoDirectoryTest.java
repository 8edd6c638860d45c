package org.juicetokens.node.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDirectoryTest {
  @Test
  void a_directory_the_demo_created_is_removed_whole(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("demo"));
    Files.createDirectories(dir.resolve("data/n1"));
    Files.writeString(dir.resolve("data/n1/master.key"), "k");
    Files.writeString(dir.resolve("n1.log"), "log");
    assertThat(DemoDirectory.remove(dir, true, List.of(dir.resolve("n1.log")))).isEqualTo("demo: removed " + dir);
    assertThat(dir).doesNotExist();
  }

  @Test
  void a_directory_that_existed_before_keeps_everything_but_the_demo_data_and_logs(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("mine");
    Files.createDirectories(dir.resolve("data/n1"));
    Files.writeString(dir.resolve("data/n1/master.key"), "k");
    Files.writeString(dir.resolve("n1.log"), "log");
    Files.writeString(dir.resolve("notes.txt"), "the user's own file");
    assertThat(DemoDirectory.remove(dir, false, List.of(dir.resolve("n1.log")))).contains("existed before");
    assertThat(dir.resolve("notes.txt")).exists();
    assertThat(dir.resolve("data")).doesNotExist();
    assertThat(dir.resolve("n1.log")).doesNotExist();
  }
}
