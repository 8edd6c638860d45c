package org.juicetokens.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a tool of the deployment tests (Compose, bash) in the project directory, bounded in time. */
final class Commands {
  private Commands() {
  }

  record Result(int exit, String output) {
  }

  /**
   * Runs the command with these variables added (NETSIM_TARGET of the build's shell removed, so
   * the files' defaults apply); stdout and stderr together. Null when it cannot be started.
   */
  static Result run(List<String> command, Map<String, String> env) {
    Path log;
    try {
      log = Files.createTempFile("deploy-test-", ".log");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().remove("NETSIM_TARGET");
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
      }
      return new Result(p.exitValue(), Files.readString(log));
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      try {
        Files.deleteIfExists(log);
      } catch (IOException ignored) {
        // a temp file left behind is harmless
      }
    }
  }
}
