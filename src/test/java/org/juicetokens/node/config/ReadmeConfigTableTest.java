package org.juicetokens.node.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the README's configuration table true: every setting is documented with its default. */
class ReadmeConfigTableTest {

  @Test
  void readme_documents_every_setting_with_its_variable_and_default() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (Setting s : Settings.all()) {
      String row = "| `" + s.env() + "` | `" + s.key() + "` | " + (s.defaultValue().isEmpty() ? "—" : "`" + s.defaultValue() + "`") + " |";
      assertThat(readme).as("README row for " + s.env()).contains(row);
    }
  }
}
