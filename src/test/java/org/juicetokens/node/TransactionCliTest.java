package org.juicetokens.node;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.juicetokens.testing.Cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/juice audit and the argument checks of bin/juice transfer against a real node (the audit is
 * real; transfers themselves need the transaction shell: see TransferEndToEndTest), and
 * GET /api/v1/audit on the same node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionCliTest {
  private static final String TOKEN = "s3cret-" + UUID.randomUUID();
  private JuiceNode node;
  private String at;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    node = JuiceNode.start(NodeConfig.of(Map.of("node.id", "cli", "http.port", "0", "node.dataDir", tmp.toString(),
      "cluster.name", "test-" + UUID.randomUUID(), "cluster.port", String.valueOf(FreePorts.next()), "cluster.fastJoin", "true",
      "api.token", TOKEN))).await(90, TimeUnit.SECONDS);
    at = "127.0.0.1:" + node.httpPort();
    String issuer = Bus.request(node.vertx().eventBus(), Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName("Issuer")
      .build(), 20_000, IdentityView.class).await(30, TimeUnit.SECONDS).getDocument().getId();
    MintReply minted = Bus.request(node.vertx().eventBus(), Addresses.TOKEN_MINT, MintRequest.newBuilder().setIssuerId(issuer)
      .setOwnerId(issuer).setReference("cli").setDenomination(5).setCount(3).build(), 30_000, MintReply.class).await(40, TimeUnit.SECONDS);
    assertThat(minted.getIndexPending()).isZero();
  }

  @AfterAll
  void stop() throws Exception {
    if (node != null) {
      node.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void cli_audit_prints_the_conserved_report_and_json_on_request() {
    assertThat(Cli.expect(0, "audit", "--node", at)).contains("conserved: minted 15.00, held 15.00, expired 0.00 (3 token(s) on cli)")
      .contains("locked 0, in doubt 0, in flight 0, duplicate ids 0").doesNotContain("problem:");
    assertThat(Cli.expect(0, "audit", "--node", at, "--json")).contains("\"conserved\": true").contains("\"mintedHundredths\": \"1500\"");
  }

  @Test
  void http_audit_answers_the_same_report() throws Exception {
    WebClient web = WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
    JsonObject report = web.get("/api/v1/audit").send().await(30, TimeUnit.SECONDS).bodyAsJsonObject();
    assertThat(report.getBoolean("conserved")).isTrue();
    assertThat(report.getString("heldHundredths")).isEqualTo("1500");
    assertThat(report.getJsonArray("nodes")).containsExactly("cli");
  }

  @Test
  void cli_transfer_refuses_a_bad_amount_or_missing_parties_before_calling_the_node() {
    assertThat(Cli.expect(2, "transfer", "--node", at, "--from", "a", "--to", "b", "--amount", "1.234"))
      .contains("bad amount '1.234': expected units with at most 2 decimals");
    assertThat(Cli.expect(2, "transfer", "--node", at, "--from", "a", "--amount", "1")).contains("transfer needs --from, --to and --amount");
    assertThat(Cli.expect(2, "transfer", "--node", "nonsense", "--from", "a", "--to", "b", "--amount", "1")).isNotBlank();
  }

  @Test
  void cli_transfer_without_the_api_token_is_refused_by_the_node() {
    assertThat(Cli.expect(1, "transfer", "--node", at, "--from", "a", "--to", "b", "--amount", "1")).contains("UNAUTHENTICATED");
  }
}
