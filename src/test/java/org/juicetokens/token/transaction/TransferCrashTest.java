package org.juicetokens.token.transaction;

import io.vertx.core.json.JsonObject;
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
import static org.juicetokens.testing.HttpApi.balance;
import static org.juicetokens.testing.HttpApi.call;
import static org.juicetokens.testing.HttpApi.callAsync;

/**
 * Three node processes (payer's, payee's and a third that keeps the survivors' time at CONSENSUS
 * when one dies: a node alone has INADEQUATE time and commits nothing) and SIGKILL in the middle
 * of an exchange, driven through the HTTP/JSON API.
 * The payer's node waits {@code tx.drill.commitDelayMs} between the payee's Preparation and its
 * commit, which is the window in which a node is killed: the payee is PREPARED (its change locked,
 * the decision not yet taken). Whatever happens, both sides end with the same decision, nothing
 * stays locked or in doubt, and the cluster-wide audit finds the value conserved.
 */
class TransferCrashTest {
  private static final long DEADLINE_MS = 12_000;

  @TempDir
  Path data;

  private final List<NodeProcess> processes = new ArrayList<>();
  private String cluster;
  private String members;
  private final int[] clusterPorts = new int[3];
  private final int[] httpPorts = new int[3];

  @AfterEach
  void killAll() throws InterruptedException {
    for (NodeProcess p : processes) {
      p.close();
    }
  }

  @Test
  void a_payer_killed_after_the_payee_prepared_resolves_both_sides_the_same_way() throws Exception {
    Parties parties = startTwoNodes();
    String txId = "crash-payer-" + UUID.randomUUID();
    callAsync(httpPorts[0], "POST", "/api/v1/transfers", transfer(parties, txId, 1_500));
    awaitSideState(httpPorts[1], txId, "PREPARED");

    processes.get(0).kill();
    // the payee cannot decide alone: past the deadline it is in doubt, its change still locked
    awaitSideState(httpPorts[1], txId, "IN_DOUBT");
    assertThat(call(httpPorts[1], "GET", "/api/v1/audit", null, 200).getInteger("inDoubt", 0)).isPositive();

    restart(0);
    String payeeFinal = awaitFinal(httpPorts[1], txId);
    String payerFinal = awaitFinal(httpPorts[0], txId);
    assertThat(payeeFinal).isEqualTo(payerFinal);
    // restarted past its deadline without a commit record, the payer presumes abort
    assertThat(payerFinal).isEqualTo("ABORTED");
    assertThat(balance(httpPorts[0], parties.payer)).isEqualTo(parties.payerBefore);
    assertThat(balance(httpPorts[1], parties.payee)).isEqualTo(parties.payeeBefore);
    assertConserved();
  }

  @Test
  void a_payee_killed_after_preparing_receives_the_commit_when_it_comes_back() throws Exception {
    Parties parties = startTwoNodes();
    String txId = "crash-payee-" + UUID.randomUUID();
    var answer = callAsync(httpPorts[0], "POST", "/api/v1/transfers", transfer(parties, txId, 1_500));
    awaitSideState(httpPorts[1], txId, "PREPARED");
    // killed only once the payer holds the Preparation (else the payer never hears it and rightly aborts)
    awaitHeldPreparation(httpPorts[0]);

    processes.get(1).kill();
    // the payer commits (its decision does not need the payee), then re-sends it until acknowledged
    String answered = answer.get(60, TimeUnit.SECONDS).body();
    assertThat(new JsonObject(answered).getString("state")).as(answered).isEqualTo("COMMITTED");

    restart(1);
    assertThat(awaitFinal(httpPorts[1], txId)).isEqualTo("COMMITTED");
    assertThat(balance(httpPorts[0], parties.payer)).isEqualTo(parties.payerBefore - 1_500);
    assertThat(balance(httpPorts[1], parties.payee)).isEqualTo(parties.payeeBefore + 1_500);
    awaitFinalized(httpPorts[0], txId);
    assertConserved();
  }

  private record Parties(String payer, String payee, long payerBefore, long payeeBefore) {
  }

  private Parties startTwoNodes() throws Exception {
    cluster = "test-" + UUID.randomUUID();
    for (int i = 0; i < 3; i++) {
      clusterPorts[i] = FreePorts.next();
      httpPorts[i] = FreePorts.next();
    }
    members = "127.0.0.1:" + clusterPorts[0] + ",127.0.0.1:" + clusterPorts[1] + ",127.0.0.1:" + clusterPorts[2];
    for (int i = 0; i < 3; i++) {
      processes.add(NodeProcess.start("c" + i, env(i)));
    }
    for (NodeProcess p : processes) {
      p.awaitLine("is up", 90, TimeUnit.SECONDS);
    }
    ProcessClusters.awaitClusterSize(httpPorts[0], 3);
    for (int port : httpPorts) {
      ProcessClusters.awaitAdequateTime(port);
    }
    String payer = call(httpPorts[0], "POST", "/api/v1/identities", new JsonObject().put("displayName", "Payer"), 200).getString("id");
    String payee = call(httpPorts[1], "POST", "/api/v1/identities", new JsonObject().put("displayName", "Payee"), 200).getString("id");
    // the payer holds 10s, the payee 5s: paying 15 sends two 10s and takes a 5 back as change (both sides lock tokens)
    call(httpPorts[0], "POST", "/api/v1/tokens:mint", mint(payer, payer, 10, 4), 200);
    call(httpPorts[1], "POST", "/api/v1/tokens:mint", mint(payee, payee, 5, 4), 200);
    return new Parties(payer, payee, balance(httpPorts[0], payer), balance(httpPorts[1], payee));
  }

  private void restart(int i) throws Exception {
    NodeProcess restarted = NodeProcess.start("c" + i + "-restarted", env(i));
    processes.add(restarted);
    restarted.awaitLine("is up", 90, TimeUnit.SECONDS);
    ProcessClusters.awaitClusterSize(httpPorts[2], 3);
  }

  private void assertConserved() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonObject audit = call(httpPorts[2], "GET", "/api/v1/audit", null, 200);
    while (!audit.getBoolean("conserved", false) && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(250);
      audit = call(httpPorts[2], "GET", "/api/v1/audit", null, 200);
    }
    assertThat(audit.getBoolean("conserved", false)).as(audit.encodePrettily()).isTrue();
    assertThat(audit.getInteger("lockedTokens", 0)).isZero();
    assertThat(audit.getInteger("inDoubt", 0)).isZero();
  }

  /** Polls GET /api/v1/transfers/{txId} on the node until its side reports {@code state}. */
  private static void awaitSideState(int port, String txId, String state) throws Exception {
    String last = awaitState(port, txId, s -> s.equals(state), 60);
    assertThat(last).as("state of " + txId + " on port " + port).isEqualTo(state);
  }

  /** Polls the payer's /metrics until the drill holds a Preparation (juice_tx_messages_total{outcome="held"}). */
  private static void awaitHeldPreparation(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    java.util.regex.Pattern held = java.util.regex.Pattern.compile(
      "^juice_tx_messages_total\\{[^}]*outcome=\"held\"[^}]*type=\"preparation\"[^}]*} ([0-9.]+)$", java.util.regex.Pattern.MULTILINE);
    while (System.nanoTime() < deadline) {
      var metrics = callAsync(port, "GET", "/metrics", null).get(20, TimeUnit.SECONDS).body();
      var m = held.matcher(metrics);
      if (m.find() && Double.parseDouble(m.group(1)) >= 1) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new AssertionError("the payer on port " + port + " never held a Preparation");
  }

  private static String awaitFinal(int port, String txId) throws Exception {
    return awaitState(port, txId, s -> s.equals("COMMITTED") || s.equals("ABORTED") || s.equals("FAILED"), 90);
  }

  private static void awaitFinalized(int port, String txId) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    JsonObject transfer = call(port, "GET", "/api/v1/transfers/" + txId, null, 200);
    while (!transfer.getBoolean("finalized", false) && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(200);
      transfer = call(port, "GET", "/api/v1/transfers/" + txId, null, 200);
    }
    assertThat(transfer.getBoolean("finalized", false)).as(transfer.encodePrettily()).isTrue();
  }

  private static String awaitState(int port, String txId, java.util.function.Predicate<String> wanted, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String last = "";
    while (System.nanoTime() < deadline) {
      var response = callAsync(port, "GET", "/api/v1/transfers/" + txId, null).get(20, TimeUnit.SECONDS);
      if (response.statusCode() == 200) {
        last = new JsonObject(response.body()).getString("state", "");
        if (wanted.test(last)) {
          return last;
        }
      }
      TimeUnit.MILLISECONDS.sleep(40);
    }
    return last;
  }

  private static JsonObject transfer(Parties parties, String txId, long hundredths) {
    return new JsonObject().put("fromId", parties.payer).put("toId", parties.payee).put("amountHundredths", hundredths).put("txId", txId);
  }

  private static JsonObject mint(String issuer, String owner, int denomination, int count) {
    return new JsonObject().put("issuerId", issuer).put("ownerId", owner).put("reference", "crash" + denomination)
      .put("denomination", denomination).put("count", count);
  }

  private Map<String, String> env(int i) {
    Map<String, String> env = ProcessClusters.env("c" + i, data, cluster, members, clusterPorts[i], httpPorts[i]);
    env.put("JT_TX_DEADLINE_MS", String.valueOf(DEADLINE_MS));
    env.put("JT_PEER_POLL_MS", "300");
    // the window between the payee's Preparation and the payer's commit in which a node is killed
    env.put("JT_TX_DRILL_COMMIT_DELAY_MS", "3000");
    return env;
  }
}
