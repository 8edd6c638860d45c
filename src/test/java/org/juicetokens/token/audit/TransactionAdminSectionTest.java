package org.juicetokens.token.audit;

import io.vertx.core.json.JsonObject;
import org.juicetokens.api.v1.CauseCount;
import org.juicetokens.api.v1.StateCount;
import org.juicetokens.api.v1.StateTime;
import org.juicetokens.api.v1.TransactionStats;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransactionAdminSectionTest {

  @Test
  void figures_rates_and_recent_events_as_numbers_for_the_console() {
    JsonObject json = TransactionAdminSection.json(TransactionStats.newBuilder()
      .addByState(StateCount.newBuilder().setState(TxState.COMMITTED).setCount(3))
      .setCommittedTotal(3).setAbortedTotal(1).setInDoubt(0).setActive(1).setP50Ms(9.5).setP99Ms(31)
      .addRecent(TransferEvent.newBuilder().setTxId("t1").setRole(TxRole.PAYER).setState(TxState.COMMITTED).setAtMs(5))
      .addAbortCauses(CauseCount.newBuilder().setCode("TIMEOUT").setCount(1))
      .addTimeInState(StateTime.newBuilder().setState(TxState.PREPARED).setMeanMs(12.5).setCount(4))
      .build());

    assertThat(json.getDouble("successRate")).isEqualTo(0.75);
    assertThat(json.getDouble("abortRate")).isEqualTo(0.25);
    assertThat(json.getJsonArray("byState").getJsonObject(0).encode()).isEqualTo("{\"state\":\"COMMITTED\",\"count\":3}");
    assertThat(json.getJsonArray("recent").getJsonObject(0).getString("txId")).isEqualTo("t1");
    assertThat(json.getJsonArray("recent").getJsonObject(0).getString("atMs")).isEqualTo("5");
    assertThat(json.getDouble("p99Ms")).isEqualTo(31.0);
    assertThat(json.getJsonObject("abortCauses").getLong("TIMEOUT")).isEqualTo(1);
    assertThat(json.getJsonArray("timeInState").getJsonObject(0).encode()).isEqualTo("{\"state\":\"PREPARED\",\"meanMs\":12.5,\"count\":4}");
  }

  @Test
  void nothing_decided_yet_is_a_full_success_rate_and_no_aborts() {
    JsonObject json = TransactionAdminSection.json(TransactionStats.getDefaultInstance());

    assertThat(json.getDouble("successRate")).isEqualTo(1.0);
    assertThat(json.getDouble("abortRate")).isEqualTo(0.0);
    assertThat(json.getJsonArray("recent")).isEmpty();
  }
}
