package org.juicetokens.trust.chain;

import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.HttpApi;
import org.juicetokens.testing.InJvmClusters;
import io.vertx.core.json.JsonObject;
import org.juicetokens.token.transaction.proto.TxState;
import org.juicetokens.trust.chain.proto.ChainEntryType;
import org.juicetokens.trust.chain.proto.ChainVerdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.trust.chain.ChainNodeSupport.ask;
import static org.juicetokens.trust.chain.ChainNodeSupport.eventually;
import static org.juicetokens.trust.chain.ChainNodeSupport.identity;
import static org.juicetokens.trust.chain.ChainNodeSupport.types;
import static org.juicetokens.trust.chain.ChainNodeSupport.verify;

/** Two nodes: a real transfer appends TOKENS_SENT on the payer's home node and TOKENS_RECEIVED on the payee's. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainTransferTest {
  private static final Map<String, String> FAST = Map.of("time.peerPollIntervalMs", "300", "tx.deadlineMs", "8000", "tx.retryMs", "300",
    "tx.maxRetryMs", "1000");
  private List<JuiceNode> nodes = List.of();

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    nodes = InJvmClusters.startCluster(tmp, List.of("node1", "node2"), FAST);
    eventually("2 members", () -> nodes.get(0).context().hazelcast().getCluster().getMembers().size() == 2);
    InJvmClusters.awaitAdequateTime(nodes);
  }

  @AfterAll
  void stop() throws Exception {
    InJvmClusters.closeAll(nodes);
  }

  @Test
  void both_sides_of_a_transfer_between_two_nodes_are_recorded_and_verify_from_either_node() throws Exception {
    JuiceNode node1 = nodes.get(0);
    JuiceNode node2 = nodes.get(1);
    String payer = identity(node1, "payer");
    String payee = identity(node2, "payee");
    ask(node1, Addresses.TOKEN_MINT, MintRequest.newBuilder().setIssuerId(payer).setOwnerId(payer).setReference("chain")
      .setDenomination(5).setCount(10).build(), MintReply.class);

    Transfer transfer = ask(node1, Addresses.TX_TRANSFER, TransferRequest.newBuilder().setFromId(payer).setToId(payee)
      .setAmountHundredths(500).build(), Transfer.class);
    assertThat(transfer.getState()).isEqualTo(TxState.COMMITTED);

    eventually("payer chain", () -> types(node2, payer).equals(List.of(ChainEntryType.CREATED, ChainEntryType.TOKENS_SENT)));
    eventually("payee chain", () -> types(node1, payee).equals(List.of(ChainEntryType.CREATED, ChainEntryType.TOKENS_RECEIVED)));
    ChainVerdict verdict = verify(node2, payer);
    assertThat(verdict.getValid()).as(verdict.getReason()).isTrue();
    assertThat(verdict.getLength()).isEqualTo(2);
    assertThat(verify(node1, payee).getValid()).isTrue();

    JsonObject overHttp = HttpApi.call(node1.httpPort(), "GET", "/api/v1/identities/" + payee + "/chain:verify", null, 200);
    assertThat(overHttp.getBoolean("valid")).isTrue();
    assertThat(overHttp.getString("length")).isEqualTo("2");
    JsonObject page = HttpApi.call(node2.httpPort(), "GET", "/api/v1/identities/" + payer + "/chain?limit=1", null, 200);
    assertThat(page.getJsonArray("entries")).hasSize(1);
    assertThat(page.getJsonArray("entries").getJsonObject(0).getString("type")).isEqualTo("CREATED");
    assertThat(page.getBoolean("truncated")).isTrue();
    HttpApi.call(node2.httpPort(), "GET", "/api/v1/identities/" + payer + "/chain?limit=x", null, 400);
  }
}
