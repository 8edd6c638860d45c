package org.juicetokens.token.transaction;

import org.juicetokens.api.v1.TokenReply;
import org.juicetokens.api.v1.TokenRequest;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.common.Addresses;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.transaction.proto.TxState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.token.transaction.TxTestSupport.*;

/** Two nodes: transfers between identities homed on different nodes (and on one), end to end. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransferClusterTest {
  private List<JuiceNode> nodes = List.of();
  private JuiceNode node1;
  private JuiceNode node2;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    nodes = InJvmClusters.startCluster(tmp, List.of("node1", "node2"), FAST);
    node1 = nodes.get(0);
    node2 = nodes.get(1);
    eventually("2 members", () -> node1.context().hazelcast().getCluster().getMembers().size() == 2);
    awaitConsensus(nodes);
  }

  @AfterAll
  void stop() throws Exception {
    InJvmClusters.closeAll(nodes);
  }

  @Test
  void seed_scenario_moves_a_token_to_the_payee_node_with_a_verifying_telomere_and_the_index_pointing_there() throws Exception {
    String user = identity(node1, "user");
    String testUser = identity(node2, "test-user");
    mint(node1, user, "seed", 5, 10);
    long before = worth(node1, user) + worth(node2, testUser);

    Transfer t = transfer(node1, user, testUser, 500);

    assertThat(t.getState()).isEqualTo(TxState.COMMITTED);
    assertThat(t.getSentTokenIdsList()).hasSize(1);
    String moved = t.getSentTokenIds(0);
    eventually("payee committed", () -> {
      try {
        return held(node2, testUser).stream().anyMatch(x -> x.getId().equals(moved));
      } catch (Exception e) {
        return false;
      }
    });
    assertThat(worth(node1, user)).isEqualTo(4500);
    assertThat(worth(node2, testUser)).isEqualTo(500);
    assertThat(worth(node1, user) + worth(node2, testUser)).isEqualTo(before);
    eventually("index points at node2", () -> {
      try {
        TokenReply r = ask(node2, Addresses.TOKEN_GET, TokenRequest.newBuilder().setTokenId(moved).build(), TokenReply.class);
        return r.getIndex().getHomeNode().equals("node2") && r.getIndex().getTransferNumber() == 1;
      } catch (Exception e) {
        return false;
      }
    });
    TokenReply read = ask(node2, Addresses.TOKEN_GET, TokenRequest.newBuilder().setTokenId(moved).build(), TokenReply.class);
    assertThat(read.getVerified()).as(read.getVerificationFailure()).isTrue();
    Token token = read.getToken();
    assertThat(token.getOwnerId()).isEqualTo(testUser);
    assertThat(token.getTelomere().getTransfers()).isEqualTo(1);
  }
}
