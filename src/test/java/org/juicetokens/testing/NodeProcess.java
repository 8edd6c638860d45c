package org.juicetokens.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A node in its own JVM ({@code org.juicetokens.node.Main node}), configured by JT_* variables,
 * as an operator runs it. Output lines are kept (and echoed to a log file under target/) so a
 * test can wait for them; {@link #kill()} is SIGKILL, {@link #stop()} SIGTERM.
 */
public final class NodeProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());
  private final Thread reader;

  private NodeProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.reader = new Thread(this::pump, "node-output-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  public static NodeProcess start(String name, Map<String, String> env, String... args) throws IOException {
    return startWith(List.of(), "-Xmx256m", name, env, args);
  }

  /**
   * The same node behind a command prefix (the network drills run {@code ip netns exec <ns>}, which
   * execs java in place: the process is still the node's JVM, so SIGKILL reaches it) and a heap size.
   */
  public static NodeProcess startWith(List<String> prefix, String heap, String name, Map<String, String> env, String... args)
    throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of(
      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-cp", System.getProperty("java.class.path"),
      "org.juicetokens.node.Main", "node"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("JT_"));
    builder.environment().putAll(env);
    return new NodeProcess(name, builder.start());
  }

  private void pump() {
    Path log = Path.of("target", "node-" + name + "-" + ProcessHandle.current().pid() + ".log");
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         var out = java.nio.file.Files.newBufferedWriter(log, StandardCharsets.UTF_8,
           java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
        all.add(line);
        out.write(line);
        out.newLine();
        out.flush();
      }
    } catch (IOException e) {
      lines.add("<output closed: " + e.getMessage() + ">");
    }
  }

  /** Waits for an output line containing {@code text}; fails with the output so far when it does not come. */
  public String awaitLine(String text, long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null && line.contains(text)) {
        return line;
      }
      if (line == null && !process.isAlive() && lines.isEmpty()) {
        break;
      }
    }
    throw new AssertionError("node " + name + " did not print '" + text + "' (alive=" + process.isAlive() + "); output:\n"
      + String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size())));
  }

  public List<String> output() {
    return List.copyOf(all);
  }

  public int waitForExit(long timeout, TimeUnit unit) throws InterruptedException {
    if (!process.waitFor(timeout, unit)) {
      throw new AssertionError("node " + name + " still running after " + timeout + " " + unit);
    }
    reader.join(TimeUnit.SECONDS.toMillis(5)); // the last lines are read before the caller looks at them
    return process.exitValue();
  }

  /** SIGKILL: a crash. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM: a clean stop through the shutdown hook. */
  public void stop() throws InterruptedException {
    // through the handle: Process.destroy() would also close our end of the output pipe
    process.toHandle().destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      kill();
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
