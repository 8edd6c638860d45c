package org.juicetokens.node;

import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.juicetokens.api.v1.AuditReport;
import org.juicetokens.api.v1.AuditRequest;
import org.juicetokens.api.v1.Balance;
import org.juicetokens.api.v1.BalanceRequest;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.juicetokens.testing.Cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transfers end to end on a 2-node in-JVM cluster, through the public faces: HTTP POST + GET, the
 * SSE stream of the tx (opened on the OTHER node before the POST: events travel cluster-wide),
 * the admin event stream, the CLI (transfer, transfer show, audit), balances, and the audit
 * conserved once the payee applied the commit. Needs the node-side transaction shell (TX_TRANSFER,
 * TX_GET, TX_STATS, TX_EVENTS) from the txshell branch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransferEndToEndTest {
  private static final String TOKEN = "s3cret-" + UUID.randomUUID();
  private static final long TIMEOUT_MS = 60_000;
  private List<JuiceNode> nodes;
  private JuiceNode a;
  private JuiceNode b;
  private String alice;
  private String bob;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    nodes = InJvmClusters.startCluster(tmp, List.of("a", "b"), Map.of("api.token", TOKEN, "time.peerPollIntervalMs", "300"));
    a = nodes.get(0);
    b = nodes.get(1);
    long deadline = System.currentTimeMillis() + 60_000;
    while (!(a.context().hazelcast().getCluster().getMembers().size() == 2 && a.context().hazelcast().getPartitionService().isClusterSafe())) {
      assertThat(System.currentTimeMillis()).as("2 members, cluster safe").isLessThan(deadline);
      Thread.sleep(100);
    }
    InJvmClusters.awaitAdequateTime(nodes);
    String issuer = identity(a, "Issuer");
    alice = identity(a, "Alice");
    bob = identity(b, "Bob");
    mint(issuer, alice, 1, 3);   // the first becomes alice's wissel
    mint(issuer, alice, 10, 2);
    mint(issuer, alice, 20, 2);
    mint(issuer, bob, 1, 3);     // bob's wissel and change
    mint(issuer, bob, 2, 2);
    mint(issuer, bob, 5, 2);     // change up to 9 whole units
  }

  @AfterAll
  void stop() throws Exception {
    if (nodes != null) {
      InJvmClusters.closeAll(nodes);
    }
  }

  @Test
  void a_transfer_over_http_streams_its_events_reads_back_moves_the_balances_and_keeps_the_audit_conserved() throws Exception {
    long aliceBefore = balance(alice);
    long bobBefore = balance(bob);
    String txId = "e2e-" + UUID.randomUUID();
    HttpClient http = b.vertx().createHttpClient();
    StringBuilder txEvents = new StringBuilder();
    Promise<Void> subscribed = Promise.promise();
    Promise<Void> ended = Promise.promise();
    http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(b.httpPort())
        .setURI("/api/v1/transfers/" + txId + "/events")).compose(r -> r.send())
      .map(r -> r.handler(chunk -> {
        txEvents.append(chunk);
        if (txEvents.indexOf(": subscribed") >= 0) {
          subscribed.tryComplete();
        }
      }).endHandler(v -> ended.tryComplete()));
    subscribed.future().await(30, TimeUnit.SECONDS);
    StringBuilder adminEvents = new StringBuilder();
    Promise<Void> adminSawTx = Promise.promise();
    http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(b.httpPort()).setURI("/admin/events"))
      .compose(r -> r.send()).map(r -> r.handler(chunk -> {
        adminEvents.append(chunk);
        if (adminEvents.indexOf("event: transfer") >= 0 && adminEvents.indexOf(txId) >= 0) {
          adminSawTx.tryComplete();
        }
      }));

    HttpResponse<Buffer> posted = web(a).post("/api/v1/transfers").putHeader("Authorization", "Bearer " + TOKEN)
      .sendJsonObject(new JsonObject().put("fromId", alice).put("toId", bob).put("amountHundredths", "1234").put("txId", txId))
      .await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    assertThat(posted.statusCode()).as(posted.bodyAsString()).isEqualTo(200);
    assertThat(posted.bodyAsJsonObject().getString("state")).isEqualTo("COMMITTED");

    ended.future().await(30, TimeUnit.SECONDS);
    List<JsonObject> events = new ArrayList<>();
    for (String block : txEvents.toString().split("\n\n")) {
      if (block.startsWith("event: transfer\ndata: ")) {
        events.add(new JsonObject(block.substring("event: transfer\ndata: ".length())));
      }
    }
    assertThat(events).isNotEmpty().allMatch(e -> txId.equals(e.getString("txId")));
    assertThat(events).anyMatch(e -> "PAYEE".equals(e.getString("role")));
    JsonObject last = events.get(events.size() - 1);
    assertThat(last.getString("role") + " " + last.getString("state")).isEqualTo("PAYER COMMITTED");
    adminSawTx.future().await(30, TimeUnit.SECONDS);

    // node b holds the payee's side, which applies the commit just after the payer answered
    HttpResponse<Buffer> read = awaitPayeeCommitted(txId);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.bodyAsJsonObject().getString("state")).isEqualTo("COMMITTED");
    assertThat(read.bodyAsJsonObject().getString("amountHundredths")).isEqualTo("1234");

    assertThat(balance(alice)).isEqualTo(aliceBefore - 1234);
    assertThat(balance(bob)).isEqualTo(bobBefore + 1234);
    AuditReport audit = conservedAudit();
    assertThat(audit.getConserved()).as(audit.getProblemsList().toString()).isTrue();
    assertThat(audit.getNodesList()).containsExactly("a", "b");
    http.close().await(10, TimeUnit.SECONDS);
  }

  /** GET /api/v1/transfers/{txId} on node b (the payee's side) until it reports COMMITTED, or 30 s. */
  private HttpResponse<Buffer> awaitPayeeCommitted(String txId) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    HttpResponse<Buffer> read = web(b).get("/api/v1/transfers/" + txId).send().await(30, TimeUnit.SECONDS);
    while (!(read.statusCode() == 200 && "COMMITTED".equals(read.bodyAsJsonObject().getString("state")))
      && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
      read = web(b).get("/api/v1/transfers/" + txId).send().await(30, TimeUnit.SECONDS);
    }
    return read;
  }

  @Test
  void the_cli_prints_each_transition_and_the_outcome_then_shows_the_transfer_and_the_audit() throws Exception {
    String at = "127.0.0.1:" + a.httpPort();
    String txId = "cli-" + UUID.randomUUID();
    String out = Cli.expect(0, "transfer", "--node", at, "--token", TOKEN, "--timeout", "60", "--from", alice, "--to", bob,
      "--amount", "1.50", "--tx-id", txId);
    assertThat(out).contains("transfer " + txId + ": 1.50 from " + alice + " to " + bob)
      .containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z  PAYER  \\w+")
      .contains("committed: 1.50 from " + alice + " to " + bob + " (tx " + txId + ")");
    awaitPayeeCommitted(txId);
    assertThat(Cli.expect(0, "transfer", "show", "--node", "127.0.0.1:" + b.httpPort(), txId)).contains("tx " + txId + ": COMMITTED");
    conservedAudit();
    assertThat(Cli.expect(0, "audit", "--node", at)).startsWith("conserved: ");
  }

  @Test
  void a_transfer_beyond_the_payers_funds_is_refused_with_its_code_over_http_and_the_cli() throws Exception {
    HttpResponse<Buffer> posted = web(a).post("/api/v1/transfers").putHeader("Authorization", "Bearer " + TOKEN)
      .sendJsonObject(new JsonObject().put("fromId", alice).put("toId", bob).put("amountHundredths", "9999999"))
      .await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    assertThat(posted.statusCode()).isEqualTo(412);
    assertThat(posted.bodyAsJsonObject().getString("code")).isEqualTo("INSUFFICIENT_FUNDS");
    assertThat(Cli.expect(1, "transfer", "--node", "127.0.0.1:" + a.httpPort(), "--token", TOKEN, "--timeout", "60", "--from", alice,
      "--to", bob, "--amount", "99999.99")).contains("INSUFFICIENT_FUNDS");
  }

  private AuditReport conservedAudit() throws Exception {
    long deadline = System.currentTimeMillis() + TIMEOUT_MS;
    AuditReport report = ask(a, Addresses.TX_AUDIT, AuditRequest.getDefaultInstance(), AuditReport.class);
    // the payee applies the commit after the payer decided: in flight until then
    while (!report.getConserved() && System.currentTimeMillis() < deadline) {
      Thread.sleep(250);
      report = ask(a, Addresses.TX_AUDIT, AuditRequest.getDefaultInstance(), AuditReport.class);
    }
    return report;
  }

  private long balance(String id) throws Exception {
    return ask(a, Addresses.TOKEN_BALANCE, BalanceRequest.newBuilder().setId(id).build(), Balance.class).getAmountHundredths();
  }

  private static WebClient web(JuiceNode node) {
    return WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
  }

  private static String identity(JuiceNode node, String name) throws Exception {
    return ask(node, Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName(name).build(), IdentityView.class)
      .getDocument().getId();
  }

  private void mint(String issuer, String owner, int denomination, int count) throws Exception {
    ask(a, Addresses.TOKEN_MINT, MintRequest.newBuilder().setIssuerId(issuer).setOwnerId(owner).setReference("e2e")
      .setDenomination(denomination).setCount(count).build(), MintReply.class);
  }

  private static <R extends com.google.protobuf.Message> R ask(JuiceNode node, String address, com.google.protobuf.Message request,
                                                                Class<R> type) throws Exception {
    return Bus.request(node.vertx().eventBus(), address, request, TIMEOUT_MS, type).await(TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
  }
}
