package org.juicetokens.token.transaction;

import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeRequest;
import org.juicetokens.foundation.time.proto.TimeStatus;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.token.proto.TokenState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.token.transaction.TxTestSupport.*;

/** A payer node whose clock is 10 s off among two healthy peers is INADEQUATE: its transfer never commits, nothing moves. */
class SkewedPayerTest {
  private final List<JuiceNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    InJvmClusters.closeAll(nodes);
  }

  @Test
  void a_payer_skewed_by_ten_seconds_cannot_commit(@TempDir Path tmp) throws Exception {
    String name = "test-" + UUID.randomUUID();
    List<Integer> ports = List.of(FreePorts.next(), FreePorts.next(), FreePorts.next());
    String members = String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
    Map<String, String> skewed = new HashMap<>(FAST);
    skewed.put("time.skewMs", "10000");
    nodes.add(InJvmClusters.start(InJvmClusters.settings(tmp, "a", name, ports.get(0), "", FAST)));
    nodes.add(InJvmClusters.start(InJvmClusters.settings(tmp, "b", name, ports.get(1), members, FAST)));
    nodes.add(InJvmClusters.start(InJvmClusters.settings(tmp, "c", name, ports.get(2), members, skewed)));
    JuiceNode a = nodes.get(0);
    JuiceNode c = nodes.get(2);
    eventually("3 members", () -> a.context().hazelcast().getCluster().getMembers().size() == 3);
    awaitConsensus(nodes.subList(0, 2));
    eventually("c measured its peers", () -> {
      try {
        TimeReading r = ask(c, Addresses.TIME_NOW, TimeRequest.getDefaultInstance(), TimeReading.class);
        return r.getStatus() == TimeStatus.INADEQUATE && r.getSourcesCount() >= 3;
      } catch (Exception e) {
        return false;
      }
    });
    String payer = identity(c, "skewed payer");
    String payee = identity(a, "payee");
    mint(c, payer, "tens", 10, 4);
    mint(a, payee, "ones", 1, 3);
    long payerBefore = worth(c, payer);
    long payeeBefore = worth(a, payee);

    JuiceException refused = failure(c, Addresses.TX_TRANSFER, request(payer, payee, 1000));

    assertThat(refused.code()).as(refused.getMessage()).isIn(ErrorCode.TIME_INADEQUATE, ErrorCode.TIMEOUT);
    assertThat(worth(c, payer)).isEqualTo(payerBefore);
    assertThat(held(c, payer)).noneMatch(t -> t.getState() == TokenState.LOCKED);
    eventually("the payee side is not left locked", () -> {
      try {
        return held(a, payee).stream().noneMatch(t -> t.getState() == TokenState.LOCKED) && worth(a, payee) == payeeBefore;
      } catch (Exception e) {
        return false;
      }
    });
    assertThat(worth(c, payer) + worth(a, payee)).isEqualTo(payerBefore + payeeBefore);
  }
}
