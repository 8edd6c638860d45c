package org.juicetokens.node;

import org.juicetokens.testing.FreePorts;
import org.juicetokens.testing.NodeProcess;
import org.juicetokens.testing.ProcessClusters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three node processes, configured only through JT_* variables as an operator would, form one
 * cluster; a node killed with SIGKILL leaves it and rejoins when restarted on its data directory.
 */
class ProcessClusterTest {
  @TempDir
  Path data;

  private final List<NodeProcess> processes = new ArrayList<>();

  @AfterEach
  void killAll() throws InterruptedException {
    for (NodeProcess p : processes) {
      p.close();
    }
  }

  @Test
  void three_processes_given_each_other_form_one_cluster_and_a_killed_one_rejoins() throws Exception {
    String cluster = "test-" + UUID.randomUUID();
    int[] clusterPorts = {FreePorts.next(), FreePorts.next(), FreePorts.next()};
    int[] httpPorts = {FreePorts.next(), FreePorts.next(), FreePorts.next()};
    String members = "127.0.0.1:" + clusterPorts[0] + ",127.0.0.1:" + clusterPorts[1] + ",127.0.0.1:" + clusterPorts[2];

    for (int i = 0; i < 3; i++) {
      processes.add(NodeProcess.start("p" + i, env(cluster, members, i, clusterPorts[i], httpPorts[i])));
    }
    for (NodeProcess p : processes) {
      p.awaitLine("is up", 90, TimeUnit.SECONDS);
    }
    for (int port : httpPorts) {
      ProcessClusters.awaitClusterSize(port, 3);
    }

    processes.get(2).kill();
    ProcessClusters.awaitClusterSize(httpPorts[0], 2);
    ProcessClusters.awaitClusterSize(httpPorts[1], 2);

    NodeProcess restarted = NodeProcess.start("p2-restarted", env(cluster, members, 2, clusterPorts[2], httpPorts[2]));
    processes.add(restarted);
    restarted.awaitLine("is up", 90, TimeUnit.SECONDS);
    for (int port : httpPorts) {
      ProcessClusters.awaitClusterSize(port, 3);
    }

    // SIGTERM is a clean stop (the JVM's exit code for it is 128 + 15) and the others see the member leave
    processes.get(1).stop();
    assertThat(processes.get(1).waitForExit(15, TimeUnit.SECONDS)).isEqualTo(143);
    assertThat(processes.get(1).output()).anyMatch(line -> line.contains("node p1 stopped cleanly"));
    ProcessClusters.awaitClusterSize(httpPorts[0], 2);
  }

  private Map<String, String> env(String cluster, String members, int i, int clusterPort, int httpPort) {
    return ProcessClusters.env("p" + i, data, cluster, members, clusterPort, httpPort);
  }
}
