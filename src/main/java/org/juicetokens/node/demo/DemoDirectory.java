package org.juicetokens.node.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removing the demo's directory at the end: the whole directory when the demo created it (a temp
 * directory, or a {@code --dir} that did not exist), else only what the demo put there (the node
 * data root and the node logs) — a {@code --dir} pointing at a directory of the user's is never wiped.
 */
final class DemoDirectory {
  private DemoDirectory() {
  }

  /** Removes what belongs to the demo; answers the line to print. */
  static String remove(Path dir, boolean created, List<Path> logs) {
    try {
      if (created) {
        deleteTree(dir);
        return "demo: removed " + dir;
      }
      deleteTree(dir.resolve("data"));
      for (Path log : logs) {
        Files.deleteIfExists(log);
      }
      return "demo: removed the node data and logs from " + dir + " (the directory existed before)";
    } catch (IOException | RuntimeException e) {
      return "demo: could not remove everything under " + dir + ": " + e.getMessage();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
