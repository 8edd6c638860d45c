package org.juicetokens.token.transaction;

import org.juicetokens.api.v1.AuditReport;
import org.juicetokens.api.v1.AuditRequest;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.Errors;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.token.transaction.proto.TxState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.token.transaction.TxTestSupport.FAST;
import static org.juicetokens.token.transaction.TxTestSupport.TIMEOUT_MS;
import static org.juicetokens.token.transaction.TxTestSupport.ask;
import static org.juicetokens.token.transaction.TxTestSupport.awaitConsensus;
import static org.juicetokens.token.transaction.TxTestSupport.eventually;
import static org.juicetokens.token.transaction.TxTestSupport.identity;
import static org.juicetokens.token.transaction.TxTestSupport.mint;
import static org.juicetokens.token.transaction.TxTestSupport.request;
import static org.juicetokens.token.transaction.TxTestSupport.worth;

/**
 * Twenty transfers at once among ten identities homed on three nodes, started from all three
 * nodes, with whole amounts and amounts in hundredths: each ends COMMITTED or refused with a
 * clear code (two payments that want the same tokens or the same wissel cannot both have them),
 * and afterwards the cluster-wide audit finds every hundredth conserved, no token locked, none held
 * twice and nothing in doubt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentTransfersTest {
  /** Codes a transfer may legitimately end with when others compete for the same tokens. */
  private static final Set<ErrorCode> CONTENTION = EnumSet.of(ErrorCode.CONFLICT, ErrorCode.INSUFFICIENT_CHANGE,
    ErrorCode.INSUFFICIENT_FUNDS);

  private List<JuiceNode> nodes = List.of();

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    nodes = InJvmClusters.startCluster(tmp, List.of("n1", "n2", "n3"), FAST);
    eventually("3 members", () -> nodes.get(0).context().hazelcast().getCluster().getMembers().size() == 3);
    awaitConsensus(nodes);
  }

  @AfterAll
  void stop() throws Exception {
    InJvmClusters.closeAll(nodes);
  }

  @Test
  void twenty_concurrent_transfers_among_ten_identities_on_three_nodes_conserve_value() throws Exception {
    List<String> ids = new ArrayList<>();
    List<JuiceNode> homes = new ArrayList<>();
    long before = 0;
    for (int i = 0; i < 10; i++) {
      JuiceNode home = nodes.get(i % 3);
      String id = identity(home, "person " + i);
      mint(home, id, "ones", 1, 4);     // the first becomes the wissel
      mint(home, id, "fives", 5, 4);
      mint(home, id, "tens", 10, 4);
      ids.add(id);
      homes.add(home);
      before += worth(home, id);
    }

    Random random = new Random(20261127);
    List<io.vertx.core.Future<Transfer>> running = new ArrayList<>();
    ConcurrentHashMap<String, ErrorCode> refused = new ConcurrentHashMap<>();
    for (int i = 0; i < 20; i++) {
      int from = random.nextInt(10);
      int to = (from + 1 + random.nextInt(9)) % 10;
      long amount = 100L * (1 + random.nextInt(24)) + (i % 4 == 0 ? 1 + random.nextInt(99) : 0);
      JuiceNode via = nodes.get(i % 3);
      String label = i + ": " + from + "->" + to + " " + amount;
      running.add(Bus.request(via.vertx().eventBus(), Addresses.TX_TRANSFER, request(ids.get(from), ids.get(to), amount), TIMEOUT_MS,
        Transfer.class).onFailure(e -> refused.put(label, Errors.toJuice(e).code())));
    }
    int committed = 0;
    AtomicReference<String> unexpected = new AtomicReference<>();
    for (var f : running) {
      try {
        Transfer t = f.await(TIMEOUT_MS + 10_000, TimeUnit.MILLISECONDS);
        assertThat(t.getState()).isEqualTo(TxState.COMMITTED);
        committed++;
      } catch (Exception e) {
        ErrorCode code = Errors.toJuice(e).code();
        if (!CONTENTION.contains(code)) {
          unexpected.set(code + ": " + e.getMessage());
        }
      }
    }
    assertThat(unexpected.get()).as("a refusal other than contention").isNull();
    assertThat(committed).as("committed; refused: " + refused).isPositive();
    assertThat(committed + refused.size()).isEqualTo(20);

    AuditReport audit = awaitConserved();
    assertThat(audit.getLockedTokens()).isZero();
    assertThat(audit.getInDoubt()).isZero();
    assertThat(audit.getDuplicateOwners()).isZero();
    long after = 0;
    for (int i = 0; i < 10; i++) {
      after += worth(homes.get(i), ids.get(i));
    }
    assertThat(after).isEqualTo(before);
  }

  private AuditReport awaitConserved() throws Exception {
    AtomicReference<AuditReport> last = new AtomicReference<>();
    eventually("the audit conserved", () -> {
      try {
        last.set(ask(nodes.get(2), Addresses.TX_AUDIT, AuditRequest.getDefaultInstance(), AuditReport.class));
        return last.get().getConserved();
      } catch (Exception e) {
        return false;
      }
    });
    return last.get();
  }
}
