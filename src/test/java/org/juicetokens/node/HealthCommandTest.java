package org.juicetokens.node;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.api.EdgeTestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bin/juice health --node host:port}: gRPC to a running node; exit 0 UP, 1 DOWN, 3 unreachable. */
class HealthCommandTest {
  private static EdgeTestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = EdgeTestNode.start(Map.of(), true);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private record Run(int exit, String out, String err) {
  }

  private static Run run(String... args) {
    HealthCommand command = new HealthCommand();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    int exit = new CommandLine(command).execute(args);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void up_node_exits_0_and_prints_every_component_with_its_data() {
    Run run = run("--node", "127.0.0.1:" + node.port);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("node edge: UP", "grpc.health.v1: SERVING", "cluster", "\"memberNodeIds\":[\"edge\"]", "storage", "time");
  }

  @Test
  void down_node_exits_1() {
    node.context.health().register("broken-cli", p -> p.complete(Status.KO(new JsonObject().put("why", "test"))));
    try {
      Run run = run("--node", "127.0.0.1:" + node.port);
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.out()).contains("node edge: DOWN", "NOT_SERVING", "broken-cli", "DOWN");
    } finally {
      node.context.health().unregister("broken-cli");
    }
  }

  @Test
  void unreachable_node_exits_3() throws Exception {
    int unused;
    try (ServerSocket socket = new ServerSocket(0)) {
      unused = socket.getLocalPort();
    }
    Run run = run("--node", "127.0.0.1:" + unused, "--timeout", "3");
    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).contains("unreachable");
  }

  @Test
  void malformed_node_address_exits_3() {
    assertThat(run("--node", "no-port").exit()).isEqualTo(3);
    assertThat(run("--node", "host:notaport").exit()).isEqualTo(3);
  }
}
