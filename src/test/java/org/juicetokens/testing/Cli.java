package org.juicetokens.testing;

import org.juicetokens.node.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code bin/juice} in the test JVM (Main's picocli command line) with its output captured. */
public final class Cli {
  /** The exit code and what went to stdout and stderr. */
  public record Run(int exit, String out, String err) {
  }

  private Cli() {
  }

  /** Runs {@code args}, stdout and stderr captured apart. */
  public static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream previousOut = System.out;
    PrintStream previousErr = System.err;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = Main.commandLine().execute(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(previousOut);
      System.setErr(previousErr);
    }
  }

  /** Runs {@code args}, asserts the exit code, answers stdout and stderr as one text, in the order written. */
  public static String expect(int exit, String... args) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    PrintStream previousOut = System.out;
    PrintStream previousErr = System.err;
    int code;
    try {
      System.setOut(capture);
      System.setErr(capture);
      code = Main.commandLine().execute(args);
    } finally {
      System.setOut(previousOut);
      System.setErr(previousErr);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text).isEqualTo(exit);
    return text;
  }
}
