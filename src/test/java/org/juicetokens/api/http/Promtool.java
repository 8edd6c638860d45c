package org.juicetokens.api.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs {@code promtool check metrics} on an exposition; skips when promtool is absent, unless CI is set. */
final class Promtool {
  private Promtool() {
  }

  static void assertPasses(String exposition) throws IOException, InterruptedException {
    Path promtool = findOnPath("promtool");
    if (promtool == null) {
      if (System.getenv("CI") != null) {
        fail("promtool is required in CI (apt package prometheus)");
      }
      assumeTrue(false, "promtool not installed (apt-get install prometheus)");
    }
    Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (InputStream out = process.getInputStream()) {
      out.transferTo(output);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("promtool check metrics said: %s", output.toString(StandardCharsets.UTF_8)).isZero();
  }

  private static Path findOnPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
