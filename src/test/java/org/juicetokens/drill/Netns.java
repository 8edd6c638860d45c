package org.juicetokens.drill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The drills' network: a Linux bridge in the root namespace (the gateway address {@code 10.77.S.1},
 * where the harness JVM lives) and one network namespace per node, each joined to the bridge by a
 * veth pair, with the node's address {@code 10.77.S.(10+i)} — the topology of the compose file,
 * without Docker. Every name carries the harness's pid ({@code jtd<pid>...}): a later run removes
 * what a crashed run left behind (its pid no longer alive), never what a live run owns. Removing a
 * namespace removes its veth pair, its iptables rules and qdiscs with it.
 */
final class Netns {
  private static final Pattern OWNED = Pattern.compile("jtd(\\d+)[a-z].*");
  private final long pid = ProcessHandle.current().pid();
  private final int subnet;
  private final int nodes;

  Netns(int nodes) {
    this.nodes = nodes;
    // a subnet per run (pid-derived), so a crashed run's leftovers never share addresses with this one
    this.subnet = 20 + (int) (pid % 200);
  }

  String bridge() {
    return "jtd" + pid + "b";
  }

  /** The namespace of node {@code i} (1-based). */
  String namespace(int i) {
    return "jtd" + pid + "n" + i;
  }

  /** The node's end of its veth pair, inside its namespace. */
  String nodeLink(int i) {
    return "jtd" + pid + "p" + i;
  }

  private String hostLink(int i) {
    return "jtd" + pid + "v" + i;
  }

  String gateway() {
    return "10.77." + subnet + ".1";
  }

  String address(int i) {
    return "10.77." + subnet + "." + (10 + i);
  }

  /** Creates the bridge and the namespaces (after removing leftovers of crashed runs). */
  void create() throws IOException, InterruptedException {
    removeLeftovers();
    sh("ip", "link", "add", bridge(), "type", "bridge");
    sh("ip", "addr", "add", gateway() + "/24", "dev", bridge());
    sh("ip", "link", "set", bridge(), "up");
    for (int i = 1; i <= nodes; i++) {
      sh("ip", "netns", "add", namespace(i));
      sh("ip", "link", "add", hostLink(i), "type", "veth", "peer", "name", nodeLink(i));
      sh("ip", "link", "set", nodeLink(i), "netns", namespace(i));
      sh("ip", "link", "set", hostLink(i), "master", bridge(), "up");
      in(i, "ip", "addr", "add", address(i) + "/24", "dev", nodeLink(i));
      in(i, "ip", "link", "set", nodeLink(i), "up");
      in(i, "ip", "link", "set", "lo", "up");
    }
  }

  /** Removes this run's namespaces (their processes killed first), links and bridge; never fails. */
  void destroy() {
    for (int i = 1; i <= nodes; i++) {
      removeNamespace(namespace(i));
    }
    quietly("ip", "link", "del", bridge());
  }

  /** Runs a command inside node {@code i}'s namespace and fails with its output when it fails. */
  String in(int i, String... command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace(i)));
    full.addAll(List.of(command));
    return sh(full.toArray(String[]::new));
  }

  /** The prefix that runs a program in node {@code i}'s namespace. */
  List<String> execPrefix(int i) {
    return List.of("ip", "netns", "exec", namespace(i));
  }

  static String sh(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
    return out;
  }

  private static void quietly(String... command) {
    try {
      sh(command);
    } catch (IOException | InterruptedException e) {
      // cleanup: the thing may already be gone
    }
  }

  private static void removeNamespace(String ns) {
    try {
      for (String pid : sh("ip", "netns", "pids", ns).split("\\s+")) {
        if (!pid.isBlank()) {
          ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      // no such namespace
    }
    quietly("ip", "netns", "del", ns);
  }

  /** Namespaces and links named jtd<pid>… whose pid is not a live process: a crashed run's. */
  private static void removeLeftovers() throws IOException, InterruptedException {
    for (String line : sh("ip", "netns", "list").split("\n")) {
      String ns = line.strip().split("\\s+")[0];
      if (orphaned(ns)) {
        removeNamespace(ns);
      }
    }
    for (String line : sh("ip", "-o", "link", "show").split("\n")) {
      String[] parts = line.split(":\\s+");
      if (parts.length > 1) {
        String link = parts[1].split("@")[0].strip();
        if (orphaned(link)) {
          quietly("ip", "link", "del", link);
        }
      }
    }
  }

  private static boolean orphaned(String name) {
    Matcher m = OWNED.matcher(name);
    return m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(h -> !h.isAlive()).orElse(true);
  }

  /** Whether this machine lets the drills build namespaces: root, with ip and iptables. */
  static String unavailableReason() {
    try {
      if (!sh("id", "-u").strip().equals("0")) {
        return "network drills need root (ip netns, iptables, tc); CI runs them as root";
      }
    } catch (IOException | InterruptedException e) {
      return "network drills need root, and 'id -u' failed: " + e.getMessage();
    }
    for (String tool : List.of("ip", "iptables", "tc")) {
      try {
        sh(tool, "-V");
      } catch (IOException | InterruptedException e) {
        return "network drills need '" + tool + "' (Debian: iproute2, iptables): " + e.getMessage();
      }
    }
    return null;
  }
}
