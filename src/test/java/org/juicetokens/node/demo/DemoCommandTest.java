package org.juicetokens.node.demo;

import org.juicetokens.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/juice demo} for real: node processes started, seeded, driven, audited, stopped and
 * removed — once by its own {@code --duration} (in this JVM, through Main's command line), once by a
 * signal to a demo process of its own (SIGTERM: the same shutdown hook as Ctrl-C's SIGINT).
 */
class DemoCommandTest {
  private static final Pattern PID = Pattern.compile("node (n\\d): pid (\\d+)");
  private static final Pattern COMMITTED = Pattern.compile("transfers (\\d+) committed");

  @Test
  @Timeout(240)
  void demo_runs_three_nodes_seeds_drives_audits_and_cleans_up() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "demo-test").resolve("demo");
    Cli.Run run = Cli.run("demo", "--nodes", "3", "--duration", "12", "--rate", "6/s", "--seed-identities", "6",
      "--seed-tokens", "5", "--dir", dir.toString(), "--status-every", "4");
    String out = run.out();
    assertThat(run.exit()).as(out + run.err()).isZero();
    assertThat(out).contains("node n1 healthy", "node n2 healthy", "node n3 healthy", "demo: all 3 nodes healthy");
    assertThat(out).contains("100 % (13/13)");
    assertThat(out).containsPattern("console: +http://127\\.0\\.0\\.1:\\d+/admin/").containsPattern("API token: [0-9a-f]{32}");
    long committed = 0;
    Matcher m = COMMITTED.matcher(out);
    while (m.find()) {
      committed = Math.max(committed, Long.parseLong(m.group(1)));
    }
    assertThat(committed).as(out).isPositive();
    assertThat(out).contains("audit: conserved");
    assertThat(out).contains("node n1", "stopped cleanly (exit 143)");
    assertThat(out.lines().filter(l -> l.contains("stopped cleanly"))).hasSize(3);
    assertProcessesGone(out, 3);
    assertThat(out).contains("demo: removed " + dir);
    assertThat(dir).doesNotExist();
    Files.deleteIfExists(dir.getParent());
  }

  @Test
  @Timeout(180)
  void a_signal_stops_the_driver_and_the_nodes_cleanly_and_removes_the_directory() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "demo-signal").resolve("demo");
    Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
      "-cp", System.getProperty("java.class.path"), "org.juicetokens.node.Main", "demo", "--nodes", "2", "--seed-identities", "3",
      "--seed-tokens", "3", "--dir", dir.toString()).redirectErrorStream(true).start();
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.add(line);
        }
      } catch (java.io.IOException e) {
        lines.add("<closed: " + e + ">");
      }
    });
    reader.setDaemon(true);
    reader.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
      while (System.nanoTime() < deadline && demo.isAlive() && lines.stream().noneMatch(l -> l.contains("demo: driving at"))) {
        TimeUnit.MILLISECONDS.sleep(200);
      }
      assertThat(lines).as(String.join("\n", lines)).anyMatch(l -> l.contains("demo: driving at"));
      TimeUnit.SECONDS.sleep(2); // some load in flight when the signal comes
      demo.toHandle().destroy(); // SIGTERM; Ctrl-C's SIGINT runs the same shutdown hook
      assertThat(demo.waitFor(90, TimeUnit.SECONDS)).as(String.join("\n", lines)).isTrue();
      reader.join(5_000);
      String out = String.join("\n", lines);
      assertThat(out).contains("demo: stopping (signal)", "demo: removed " + dir, "demo: stopped");
      assertThat(lines.stream().filter(l -> l.contains("stopped cleanly"))).as(out).hasSize(2);
      assertProcessesGone(out, 2);
      assertThat(dir).doesNotExist();
      Files.deleteIfExists(dir.getParent());
    } finally {
      demo.destroyForcibly();
    }
  }

  private static void assertProcessesGone(String out, int count) {
    Matcher m = PID.matcher(out);
    int seen = 0;
    while (m.find()) {
      seen++;
      long pid = Long.parseLong(m.group(2));
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("node " + m.group(1) + " pid " + pid).isFalse();
    }
    assertThat(seen).isEqualTo(count);
  }
}
