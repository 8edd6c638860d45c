package org.juicetokens.node.demo;

import java.io.PrintStream;

/**
 * A text progress bar: on a terminal one line redrawn with a carriage return, elsewhere (a pipe, a
 * log file, a test) a new line only when the bar moves by a tenth or reaches the end, so no control
 * characters end up in a file. Rendering is pure ({@link #render}).
 */
public final class ProgressBar {
  static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean terminal;
  private final String label;
  private final int total;
  private int done;
  private int lastTenth = -1;

  public ProgressBar(PrintStream out, boolean terminal, String label, int total) {
    this.out = out;
    this.terminal = terminal;
    this.label = label;
    this.total = Math.max(1, total);
  }

  /** {@code "seeding [###############...............]  50 % (5/10) identities"}. */
  static String render(String label, int done, int total, String detail) {
    int clamped = Math.max(0, Math.min(done, total));
    int percent = (int) (100L * clamped / Math.max(1, total));
    int filled = (int) ((long) WIDTH * clamped / Math.max(1, total));
    return label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + String.format("%3d %%", percent)
      + " (" + clamped + "/" + total + ")" + (detail.isEmpty() ? "" : " " + detail);
  }

  /** One more step done; {@code detail} names what it was. */
  public void step(String detail) {
    done++;
    int tenth = (int) (10L * Math.min(done, total) / total);
    String line = render(label, done, total, detail);
    if (terminal) {
      // pad so a shorter detail does not leave the tail of a longer one
      out.print("\r" + String.format("%-100s", line));
      if (done >= total) {
        out.println();
      }
      out.flush();
    } else if (tenth != lastTenth) {
      out.println(line);
    }
    lastTenth = tenth;
  }

  public int done() {
    return done;
  }
}
