package org.juicetokens.node.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {
  @Test
  void renders_the_share_done_as_a_bar_and_a_percentage() {
    assertThat(ProgressBar.render("seeding", 0, 4, "")).isEqualTo("seeding [" + ".".repeat(30) + "]   0 % (0/4)");
    assertThat(ProgressBar.render("seeding", 2, 4, "Bob")).isEqualTo("seeding [" + "#".repeat(15) + ".".repeat(15) + "]  50 % (2/4) Bob");
    assertThat(ProgressBar.render("seeding", 5, 4, "")).isEqualTo("seeding [" + "#".repeat(30) + "] 100 % (4/4)");
  }

  @Test
  void without_a_terminal_prints_plain_lines_at_the_start_each_tenth_and_the_end() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, "seeding", 40);
    for (int i = 0; i < 40; i++) {
      bar.step("step " + i);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\r").doesNotContain("\u001b");
    assertThat(text.lines()).hasSize(11).last().asString().contains("100 % (40/40)");
  }

  @Test
  void on_a_terminal_redraws_one_line_and_ends_it() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, "seeding", 3);
    bar.step("a");
    bar.step("b");
    bar.step("c");
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).startsWith("\r").doesNotContain("\u001b").endsWith(System.lineSeparator());
    assertThat(text.split("\r")).hasSize(4);
  }
}
