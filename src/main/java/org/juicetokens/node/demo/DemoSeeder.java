package org.juicetokens.node.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seeds the demo through the public API, with a progress bar: identities spread round-robin over
 * the nodes (each homed where it was created), then for each a mint of its own tokens of 10
 * (issuer = owner, its own issuance), then a genesis pool of the first three for the eggs.
 */
final class DemoSeeder {
  static final int DENOMINATION = 10;
  private static final String[] NAMES = {"Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy",
    "Mallory", "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter", "Yves"};

  /** A seeded identity: its home node's index and the demo's estimate of its balance in hundredths. */
  record Member(String id, String name, int node, AtomicLong hundredths) {
  }

  /** What the seeding made. {@code poolId} is empty when fewer than three identities were asked for. */
  record Seeded(List<Member> members, String poolId) {
  }

  private DemoSeeder() {
  }

  static String name(int i) {
    return NAMES[i % NAMES.length] + (i < NAMES.length ? "" : String.valueOf(i / NAMES.length + 1));
  }

  /** Progress steps of a seeding: one per identity, one per mint, one for the pool. */
  static int steps(int identities, int tokensEach) {
    return identities + (tokensEach > 0 ? identities : 0) + (identities >= 3 ? 1 : 0);
  }

  static Seeded seed(DemoHttp http, DemoNodes nodes, int identities, int tokensEach, PrintStream out, boolean terminal)
    throws IOException, InterruptedException {
    ProgressBar bar = new ProgressBar(out, terminal, "seeding", steps(identities, tokensEach));
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < identities; i++) {
      int node = i % nodes.size();
      String name = name(i);
      JsonObject reply = http.ok(nodes.node(node).httpPort(), "POST", "/api/v1/identities", new JsonObject().put("displayName", name));
      members.add(new Member(reply.getString("id"), name, node, new AtomicLong()));
      bar.step("identity " + name + " on " + nodes.node(node).id());
    }
    // an issuance reference of this run: a kept demo directory seeded again must not meet its old claims
    String run = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    for (int i = 0; i < members.size() && tokensEach > 0; i++) {
      Member m = members.get(i);
      JsonObject reply = http.ok(nodes.node(m.node()).httpPort(), "POST", "/api/v1/tokens:mint", new JsonObject()
        .put("issuerId", m.id()).put("ownerId", m.id()).put("reference", "demo" + run + "x" + i)
        .put("denomination", DENOMINATION).put("count", tokensEach));
      m.hundredths().addAndGet(Long.parseLong(reply.getString("amountHundredths", "0")));
      bar.step("minted " + tokensEach + " x " + DENOMINATION + " for " + m.name());
    }
    String poolId = "";
    if (members.size() >= 3) {
      JsonArray ids = new JsonArray().add(members.get(0).id()).add(members.get(1).id()).add(members.get(2).id());
      poolId = http.ok(nodes.node(members.get(0).node()).httpPort(), "POST", "/api/v1/genesis-pools",
        new JsonObject().put("memberIds", ids)).getString("poolId");
      bar.step("genesis pool of " + members.get(0).name() + ", " + members.get(1).name() + ", " + members.get(2).name());
    }
    return new Seeded(members, poolId);
  }
}
