package org.juicetokens.extension.examples;

import com.google.protobuf.util.JsonFormat;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.extension.spi.Hook;
import org.juicetokens.extension.spi.HookEvent;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** TokenWatcher with a recording context: which transfer events notify, and only once per transfer. */
class TokenWatcherTest {

  private static RecordingContext started(Map<String, String> config, TokenWatcher watcher) {
    RecordingContext context = new RecordingContext(config);
    assertThat(watcher.start(context).succeeded()).isTrue();
    return context;
  }

  /** A TransferEvent as the runtime delivers it: proto3 JSON (int64 as a string, enums by name). */
  private static HookEvent event(String txId, String role, String state, long amount) {
    JsonObject data = new JsonObject().put("txId", txId).put("role", role).put("state", state)
      .put("atMs", "1700000000000").put("nodeId", role.equals("PAYER") ? "a" : "b")
      .put("fromId", "payer-1").put("toId", "payee-1").put("amountHundredths", String.valueOf(amount))
      .put("final", state.equals("COMMITTED"));
    return new HookEvent(Hook.TRANSACTION_STATE, 1_700_000_000_000L, "a", data);
  }

  @Test
  void a_committed_transfer_at_the_threshold_notifies_with_its_details() {
    TokenWatcher watcher = new TokenWatcher();
    RecordingContext context = started(Map.of("thresholdHundredths", "5000"), watcher);

    assertThat(watcher.onEvent(event("tx-1", "PAYER", "COMMITTED", 5000)).succeeded()).isTrue();

    assertThat(context.notifications).hasSize(1);
    RecordingContext.Notification n = context.notifications.get(0);
    assertThat(n.kind()).isEqualTo(TokenWatcher.KIND);
    assertThat(n.payload().getString("txId")).isEqualTo("tx-1");
    assertThat(n.payload().getLong("amountHundredths")).isEqualTo(5000);
    assertThat(n.payload().getString("amount")).isEqualTo("50.00");
    assertThat(n.payload().getString("payer")).isEqualTo("payer-1");
    assertThat(n.payload().getString("payee")).isEqualTo("payee-1");
    assertThat(n.payload().getLong("thresholdHundredths")).isEqualTo(5000);
    assertThat(n.payload().getLong("committedAtMs")).isEqualTo(1_700_000_000_000L);
  }

  @Test
  void a_transfer_below_the_threshold_is_not_notified() {
    TokenWatcher watcher = new TokenWatcher();
    RecordingContext context = started(Map.of("thresholdHundredths", "5000"), watcher);

    watcher.onEvent(event("tx-small", "PAYER", "COMMITTED", 4999));
    watcher.onEvent(event("tx-small", "PAYEE", "COMMITTED", 4999));

    assertThat(context.notifications).isEmpty();
  }

  @Test
  void one_notification_per_committed_transfer_when_both_sides_report() {
    TokenWatcher watcher = new TokenWatcher();
    RecordingContext context = started(Map.of("thresholdHundredths", "100"), watcher);

    for (String state : new String[] {"INITIATED", "PREPARING", "PREPARED", "COMMITTING"}) {
      watcher.onEvent(event("tx-2", "PAYER", state, 12_345));
    }
    watcher.onEvent(event("tx-2", "PAYEE", "PREPARED", 12_345));
    watcher.onEvent(event("tx-2", "PAYER", "COMMITTED", 12_345));
    watcher.onEvent(event("tx-2", "PAYEE", "COMMITTED", 12_345));
    // the payee side first, another transfer
    watcher.onEvent(event("tx-3", "PAYEE", "COMMITTED", 200));
    watcher.onEvent(event("tx-3", "PAYER", "COMMITTED", 200));

    assertThat(context.notifications).extracting(n -> n.payload().getString("txId")).containsExactly("tx-2", "tx-3");
    assertThat(context.notifications.get(0).payload().getString("amount")).isEqualTo("123.45");
  }

  @Test
  void aborted_and_failed_transfers_are_not_notified() {
    TokenWatcher watcher = new TokenWatcher();
    RecordingContext context = started(Map.of("thresholdHundredths", "100"), watcher);

    watcher.onEvent(event("tx-4", "PAYER", "ABORTED", 10_000));
    watcher.onEvent(event("tx-5", "PAYER", "FAILED", 10_000));
    watcher.onEvent(event("tx-6", "PAYEE", "IN_DOUBT", 10_000));

    assertThat(context.notifications).isEmpty();
  }

  @Test
  void transfer_events_printed_by_the_proto3_json_printer_are_understood() throws Exception {
    TokenWatcher watcher = new TokenWatcher();
    RecordingContext context = started(Map.of("thresholdHundredths", "1000"), watcher);
    for (TxRole role : new TxRole[] {TxRole.PAYER, TxRole.PAYEE}) {
      for (JsonFormat.Printer printer : new JsonFormat.Printer[] {JsonFormat.printer(), JsonFormat.printer().preservingProtoFieldNames()}) {
        TransferEvent event = TransferEvent.newBuilder().setTxId("tx-proto").setRole(role).setState(TxState.COMMITTED)
          .setAtMs(99).setNodeId("a").setFromId("p").setToId("q").setAmountHundredths(2500).setFinal(true).build();
        watcher.onEvent(new HookEvent(Hook.TRANSACTION_STATE, 99, "a", new JsonObject(printer.print(event))));
      }
    }

    assertThat(context.notifications).singleElement().satisfies(n -> {
      assertThat(n.payload().getString("txId")).isEqualTo("tx-proto");
      assertThat(n.payload().getLong("amountHundredths")).isEqualTo(2500);
      assertThat(n.payload().getString("reportedBy")).isEqualTo("PAYER");
      assertThat(n.payload().getLong("committedAtMs")).isEqualTo(99);
    });
  }

  @Test
  void snake_case_fields_and_numeric_amounts_are_read_too() {
    TokenWatcher watcher = new TokenWatcher();
    RecordingContext context = started(Map.of("thresholdHundredths", "100"), watcher);
    JsonObject data = new JsonObject().put("tx_id", "tx-7").put("state", "COMMITTED").put("amount_hundredths", 150L)
      .put("from_id", "p").put("to_id", "q");

    watcher.onEvent(new HookEvent(Hook.TRANSACTION_STATE, 1L, "a", data));

    assertThat(context.notifications).singleElement().satisfies(n -> {
      assertThat(n.payload().getString("txId")).isEqualTo("tx-7");
      assertThat(n.payload().getString("amount")).isEqualTo("1.50");
      assertThat(n.payload().getString("payer")).isEqualTo("p");
    });
  }

  @Test
  void a_refused_notification_fails_the_event_and_the_other_side_tries_again() {
    TokenWatcher watcher = new TokenWatcher();
    RecordingContext context = started(Map.of("thresholdHundredths", "100"), watcher);
    context.refuseNotifications = 1;

    Future<Void> first = watcher.onEvent(event("tx-8", "PAYER", "COMMITTED", 500));
    Future<Void> second = watcher.onEvent(event("tx-8", "PAYEE", "COMMITTED", 500));

    assertThat(first.failed()).isTrue();
    assertThat(second.succeeded()).isTrue();
    assertThat(context.notifications).singleElement().satisfies(n -> assertThat(n.payload().getString("txId")).isEqualTo("tx-8"));
  }

  @Test
  void memory_of_notified_transfers_is_bounded_by_rememberedTransfers() {
    TokenWatcher watcher = new TokenWatcher();
    RecordingContext context = started(Map.of("thresholdHundredths", "100", "rememberedTransfers", "2"), watcher);

    watcher.onEvent(event("tx-a", "PAYER", "COMMITTED", 500));
    watcher.onEvent(event("tx-b", "PAYER", "COMMITTED", 500));
    watcher.onEvent(event("tx-c", "PAYER", "COMMITTED", 500));
    watcher.onEvent(event("tx-c", "PAYEE", "COMMITTED", 500));
    watcher.onEvent(event("tx-b", "PAYEE", "COMMITTED", 500));
    assertThat(context.notifications).hasSize(3);

    // tx-a is the oldest and forgotten: its late second event notifies again
    watcher.onEvent(event("tx-a", "PAYEE", "COMMITTED", 500));
    assertThat(context.notifications).extracting(n -> n.payload().getString("txId")).containsExactly("tx-a", "tx-b", "tx-c", "tx-a");
  }

  @Test
  void start_fails_without_a_valid_threshold() {
    for (Map<String, String> config : java.util.List.of(Map.<String, String>of(), Map.of("thresholdHundredths", "ten"),
        Map.of("thresholdHundredths", "0"), Map.of("thresholdHundredths", "100", "rememberedTransfers", "-1"))) {
      Future<Void> start = new TokenWatcher().start(new RecordingContext(config));
      assertThat(start.failed()).as(config.toString()).isTrue();
      assertThat(((JuiceException) start.cause()).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
  }

  @Test
  void units_have_two_decimals() {
    assertThat(TokenWatcher.units(1)).isEqualTo("0.01");
    assertThat(TokenWatcher.units(1234)).isEqualTo("12.34");
    assertThat(TokenWatcher.units(100_000)).isEqualTo("1000.00");
  }
}
