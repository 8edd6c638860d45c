package org.juicetokens.node;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

  @Test
  void invalid_configuration_exits_with_2_and_one_clear_line() {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream previous = System.err;
    System.setErr(new java.io.PrintStream(err, true));
    int exit;
    try {
      exit = Main.commandLine().execute("node", "--port", "not-a-port");
    } finally {
      System.setErr(previous);
    }
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo(
      "invalid configuration: http.port (JT_HTTP_PORT, from flags) = 'not-a-port': expected an integer 0-65535 (0 = any free port)");
  }

  @Test
  void help_config_lists_every_variable() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream previous = System.out;
    System.setOut(new java.io.PrintStream(out, true));
    try {
      assertThat(Main.commandLine().execute("node", "--help-config")).isZero();
    } finally {
      System.setOut(previous);
    }
    assertThat(out.toString()).contains("JT_CLUSTER_MEMBERS", "JT_NTP_SERVERS", "JT_HTTP_PORT", "JT_API_TOKEN");
  }

  @Test
  void usage_names_the_node_and_health_commands() {
    StringWriter text = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.usage(new PrintWriter(text));
    assertThat(text.toString()).contains("node", "health");
  }
}
