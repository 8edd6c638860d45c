package org.juicetokens.extension.runtime;

import io.vertx.core.json.JsonObject;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.extension.spi.Hook;
import org.juicetokens.extension.spi.HookEvent;
import org.juicetokens.lifecycle.renewal.proto.ExpiryNotice;
import org.juicetokens.lifecycle.renewal.proto.RenewReply;
import org.juicetokens.lifecycle.renewal.proto.RenewalEvent;
import org.juicetokens.token.transaction.proto.TxState;
import org.juicetokens.trust.attestation.proto.AttestationEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HookEventsTest {
  private final HookEvents events = new HookEvents("a", () -> 42L);

  @Test
  void a_transfer_event_passes_only_on_the_node_whose_side_changed_as_proto3_json() {
    TransferEvent mine = TransferEvent.newBuilder().setTxId("t1").setNodeId("a").setState(TxState.COMMITTED).setAtMs(7)
      .setAmountHundredths(1234).build();
    HookEvent event = events.transfer(mine).orElseThrow();
    assertThat(event.hook()).isEqualTo(Hook.TRANSACTION_STATE);
    assertThat(event.atMs()).isEqualTo(7);
    assertThat(event.nodeId()).isEqualTo("a");
    assertThat(event.data().getString("txId")).isEqualTo("t1");
    assertThat(event.data().getString("state")).isEqualTo("COMMITTED");
    assertThat(event.data().getString("amountHundredths")).isEqualTo("1234");
    assertThat(events.transfer(mine.toBuilder().setNodeId("b").build())).isEmpty();
    assertThat(events.transfer("not an event")).isEmpty();
  }

  @Test
  void an_attestation_passes_on_creation_by_this_node_not_on_revocation() {
    AttestationEvent created = AttestationEvent.newBuilder().setAttestationId("x").setAttesterHomeNode("a").build();
    assertThat(events.attestation(created)).hasValueSatisfying(e -> assertThat(e.atMs()).isEqualTo(42L));
    assertThat(events.attestation(created.toBuilder().setRevoked(true).build())).isEmpty();
    assertThat(events.attestation(created.toBuilder().setAttesterHomeNode("b").build())).isEmpty();
  }

  @Test
  void a_renewal_passes_a_notice_does_not() {
    assertThat(events.renewal(RenewalEvent.newBuilder().setNodeId("a").setRenewal(RenewReply.getDefaultInstance()).build())).isPresent();
    assertThat(events.renewal(RenewalEvent.newBuilder().setNodeId("a").setNotice(ExpiryNotice.getDefaultInstance()).build())).isEmpty();
    assertThat(events.renewal(RenewalEvent.newBuilder().setNodeId("b").setRenewal(RenewReply.getDefaultInstance()).build())).isEmpty();
  }

  @Test
  void a_health_change_is_passed_as_a_copy() {
    JsonObject body = new JsonObject().put("status", "DEGRADED");
    HookEvent event = events.healthChanged(body).orElseThrow();
    body.put("status", "DOWN");
    assertThat(event.data().getString("status")).isEqualTo("DEGRADED");
  }
}
