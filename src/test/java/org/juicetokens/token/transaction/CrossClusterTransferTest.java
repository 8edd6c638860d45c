package org.juicetokens.token.transaction;

import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.token.proto.TokenState;
import org.juicetokens.transport.pipe.proto.PipeList;
import org.juicetokens.transport.pipe.proto.PipeListRequest;
import org.juicetokens.transport.pipe.proto.PipeState;
import org.juicetokens.testing.SntpTestServer;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.token.transaction.proto.TxState;
import org.juicetokens.token.proto.Token;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.token.transaction.TxTestSupport.*;

/**
 * Two single-node clusters joined by a WebSocket pipe: the quote and all four packets cross the
 * pipe both ways. With an NTP server (a loopback SNTP server here) both nodes' time is VERIFIED
 * and the transfer commits on both sides. Without one, a node alone has INADEQUATE time, so the
 * payer refuses to commit at the time gate (TIME_INADEQUATE, which it can only reach after the
 * payee's Preparation came back over the pipe), and the payee rolls back on the payer's abort
 * decision: nothing moves.
 */
class CrossClusterTransferTest {
  private static JuiceNode node(String id, Path dir, Map<String, String> extra) throws Exception {
    Map<String, String> settings = new HashMap<>(Map.of("node.id", id, "http.port", "0", "http.host", "127.0.0.1",
      "node.dataDir", dir.toString(), "cluster.name", "test-" + UUID.randomUUID(), "cluster.port", String.valueOf(FreePorts.next()),
      "cluster.fastJoin", "true", "transport.pipe.backoffMinMs", "200"));
    settings.putAll(FAST);
    settings.putAll(extra);
    return JuiceNode.start(NodeConfig.of(settings)).await(120, TimeUnit.SECONDS);
  }

  @Test
  void with_verified_time_a_transfer_over_a_pipe_commits_on_both_sides(@TempDir Path tmp) throws Exception {
    try (SntpTestServer ntp = SntpTestServer.start(0)) {
      Map<String, String> verified = Map.of("time.ntpServers", ntp.address(), "time.ntpPollIntervalMs", "1000");
      JuiceNode east = node("east", tmp.resolve("east"), verified);
      JuiceNode west = null;
      try {
        west = connectedTo(east, tmp, verified);
        InJvmClusters.awaitAdequateTime(List.of(east, west));
        String payer = identity(west, "west payer");
        String payee = identity(east, "east payee");
        mint(west, payer, "tens", 10, 3);
        mint(east, payee, "ones", 1, 3);
        mint(east, payee, "twos", 2, 2);
        long payerBefore = worth(west, payer);
        long payeeBefore = worth(east, payee);

        // 7: a 10 goes east, 3 comes back west as change (a 2 and a 1 from the payee's regular tokens)
        Transfer done = ask(west, Addresses.TX_TRANSFER, request(payer, payee, 700).toBuilder().setToNode("east").build(), Transfer.class);

        assertThat(done.getState()).as(done.toString()).isEqualTo(TxState.COMMITTED);
        assertThat(done.getChangeTokenIdsCount()).isPositive();
        assertThat(worth(west, payer)).isEqualTo(payerBefore - 700);
        eventually("the payee applied the commit", () -> {
          try {
            return worth(east, payee) == payeeBefore + 700 && held(east, payee).stream().noneMatch(t -> t.getState() == TokenState.LOCKED);
          } catch (Exception e) {
            return false;
          }
        });
        assertThat(held(east, payee)).extracting(Token::getId).containsAll(done.getSentTokenIdsList());
        assertThat(held(west, payer)).extracting(Token::getId).containsAll(done.getChangeTokenIdsList());
      } finally {
        if (west != null) {
          west.close().await(30, TimeUnit.SECONDS);
        }
        east.close().await(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void without_adequate_time_the_exchange_over_a_pipe_aborts_at_the_time_gate(@TempDir Path tmp) throws Exception {
    JuiceNode east = node("east", tmp.resolve("east"), Map.of());
    JuiceNode west = null;
    try {
      west = connectedTo(east, tmp, Map.of());
      String payer = identity(west, "west payer");
      String payee = identity(east, "east payee");
      mint(west, payer, "tens", 10, 3);
      mint(east, payee, "ones", 1, 3);
      mint(east, payee, "twos", 2, 2);
      long payerBefore = worth(west, payer);
      long payeeBefore = worth(east, payee);

      JuiceException refused = failure(west, Addresses.TX_TRANSFER, request(payer, payee, 700).toBuilder().setToNode("east").build());

      assertThat(refused.code()).as(refused.getMessage()).isEqualTo(ErrorCode.TIME_INADEQUATE);
      assertThat(worth(west, payer)).isEqualTo(payerBefore);
      eventually("the payee rolled back its change", () -> {
        try {
          return held(east, payee).stream().noneMatch(t -> t.getState() == TokenState.LOCKED) && worth(east, payee) == payeeBefore;
        } catch (Exception e) {
          return false;
        }
      });
      JuiceException unknown = failure(west, Addresses.TX_TRANSFER, request(payer, "0".repeat(40), 100).toBuilder().setToNode("east").build());
      assertThat(unknown.code()).as(unknown.getMessage()).isEqualTo(ErrorCode.NOT_FOUND);
    } finally {
      if (west != null) {
        west.close().await(30, TimeUnit.SECONDS);
      }
      east.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** A node "west" of its own cluster with a pipe to {@code east}, once the pipe is open. */
  private static JuiceNode connectedTo(JuiceNode east, Path tmp, Map<String, String> extra) throws Exception {
    Map<String, String> settings = new HashMap<>(extra);
    settings.put("transport.peers", "ws://127.0.0.1:" + east.httpPort() + "/pipe");
    JuiceNode west = node("west", tmp.resolve("west"), settings);
    eventually("pipe open", () -> {
      try {
        PipeList pipes = ask(west, Addresses.PIPE_LIST, PipeListRequest.getDefaultInstance(), PipeList.class);
        return pipes.getPipesCount() == 1 && pipes.getPipes(0).getState() == PipeState.OPEN;
      } catch (Exception e) {
        return false;
      }
    });
    return west;
  }
}
