package org.juicetokens.deploy;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;

/**
 * The main class of the stand-in jar BinJuiceCdsTest puts where bin/juice looks for the node's
 * jar: {@code node} as bin/juice's training run starts it (node id cds-training, none of the caller's
 * variables) says it is up, as the node does, and waits for SIGTERM; anything else prints the JVM's
 * flags and the JT_ variables it was given, one a line.
 */
public final class FakeNodeMain {
  private FakeNodeMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && args[0].equals("node") && "cds-training".equals(System.getenv("JT_NODE_ID"))
      && System.getenv("JT_API_TOKEN") == null) {
      System.out.println("node " + System.getenv("JT_NODE_ID") + " is up: http://localhost:0/admin/");
      new CountDownLatch(1).await();
    }
    ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(a -> System.out.println("jvm " + a));
    System.getenv().keySet().stream().filter(k -> k.startsWith("JT_")).forEach(k -> System.out.println("env " + k));
  }
}
