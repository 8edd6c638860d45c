package org.juicetokens.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs promtool (Debian/Ubuntu package {@code prometheus}; .ci/run installs it). A missing promtool
 * FAILS the test with that hint rather than skipping it: the checks are part of the build.
 */
public final class Promtool {
  private Promtool() {
  }

  /** {@code promtool check metrics} on an exposition (stdin): no naming problems. */
  public static void assertMetricsPass(String exposition) throws IOException, InterruptedException {
    assertPasses(exposition, "check", "metrics");
  }

  /** {@code promtool check config} on a Prometheus configuration (also checks its rule files). */
  public static String assertConfigPasses(Path config) throws IOException, InterruptedException {
    return assertPasses(null, "check", "config", config.toString());
  }

  /** {@code promtool check rules} on rule files. */
  public static String assertRulesPass(Path... rules) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("check", "rules"));
    for (Path r : rules) {
      args.add(r.toString());
    }
    return assertPasses(null, args.toArray(String[]::new));
  }

  /** {@code promtool test rules} on a rule unit-test file. */
  public static String assertRuleTestsPass(Path tests) throws IOException, InterruptedException {
    return assertPasses(null, "test", "rules", tests.toString());
  }

  private static String assertPasses(String stdin, String... args) throws IOException, InterruptedException {
    Path promtool = findOnPath("promtool");
    if (promtool == null) {
      fail("promtool is not installed but the build needs it: apt-get install prometheus (Debian/Ubuntu), "
        + "or put the promtool of a Prometheus release on the PATH");
    }
    List<String> command = new ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (InputStream out = process.getInputStream()) {
      out.transferTo(output);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String said = output.toString(StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("promtool %s said: %s", String.join(" ", args), said).isZero();
    return said;
  }

  private static Path findOnPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
