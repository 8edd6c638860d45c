package org.juicetokens.token.transaction;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.transaction.proto.Packet;
import org.juicetokens.token.transaction.proto.PacketKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PrecheckedVerifierTest {
  private static final byte[] FROM = {1};
  private static final byte[] TO = {2};
  private final Vertx vertx = Vertx.vertx();
  private final WorkerExecutor workers = vertx.createSharedWorkerExecutor("jt-tx-verify-test", 1);
  private final List<String> threads = new CopyOnWriteArrayList<>();
  private final PacketVerifier counting = (packet, txId, from, to) -> {
    threads.add(Thread.currentThread().getName());
    return packet.getTokensCount() > 1 ? "too many" : null;
  };

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void a_prechecked_packet_is_verified_once_on_the_worker_and_the_engine_gets_the_verdict() throws Exception {
    PrecheckedVerifier verifier = new PrecheckedVerifier(counting, workers);
    Packet good = packet(1);
    Packet bad = packet(2);

    verifier.precheck(good, "tx-1", FROM, TO).await(10, TimeUnit.SECONDS);
    verifier.precheck(bad, "tx-1", FROM, TO).await(10, TimeUnit.SECONDS);

    assertThat(threads).hasSize(2).allMatch(t -> t.startsWith("jt-tx-verify-test"));
    assertThat(verifier.problem(good, "tx-1", FROM, TO)).isNull();
    assertThat(verifier.problem(bad, "tx-1", FROM, TO)).isEqualTo("too many");
    assertThat(threads).hasSize(2);
    assertThat(verifier.waiting()).isZero();
  }

  @Test
  void a_verdict_for_other_keys_or_another_tx_is_not_used() throws Exception {
    PrecheckedVerifier verifier = new PrecheckedVerifier(counting, workers);
    Packet packet = packet(1);
    verifier.precheck(packet, "tx-1", FROM, TO).await(10, TimeUnit.SECONDS);

    assertThat(verifier.problem(packet, "tx-2", FROM, TO)).isNull();
    assertThat(threads).hasSize(2);
    assertThat(threads.get(1)).doesNotStartWith("jt-tx-verify-test");
  }

  @Test
  void a_packet_never_prechecked_is_verified_inline() {
    PrecheckedVerifier verifier = new PrecheckedVerifier(counting, workers);

    assertThat(verifier.problem(packet(2), "tx-1", FROM, TO)).isEqualTo("too many");
    assertThat(threads).hasSize(1);
  }

  private static Packet packet(int tokens) {
    Packet.Builder p = Packet.newBuilder().setTxId("tx-1").setKind(PacketKind.S_EXO);
    for (int i = 0; i < tokens; i++) {
      p.addTokens(Token.newBuilder().setId("t" + i));
    }
    return p.build();
  }
}
