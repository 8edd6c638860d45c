package org.juicetokens.trust.chain;

import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;
import org.juicetokens.trust.chain.proto.ChainAppendRequest;
import org.juicetokens.trust.chain.proto.ChainEntryType;
import org.juicetokens.trust.chain.proto.ChainStats;
import org.juicetokens.trust.chain.proto.ChainVerification;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChainEventsTest {
  private static TransferEvent.Builder event(TxRole role) {
    return TransferEvent.newBuilder().setTxId("tx1").setRole(role).setState(TxState.COMMITTED).setFinal(true).setNodeId("a")
      .setFromId("payer").setToId("payee").setAmountHundredths(500);
  }

  @Test
  void the_payer_side_records_tokens_sent_and_the_payee_side_tokens_received_deduplicated_by_tx() {
    ChainAppendRequest sent = ChainEvents.transfer(event(TxRole.PAYER).build(), "a").orElseThrow();
    ChainAppendRequest received = ChainEvents.transfer(event(TxRole.PAYEE).build(), "a").orElseThrow();
    assertThat(sent.getIdentityId()).isEqualTo("payer");
    assertThat(sent.getType()).isEqualTo(ChainEntryType.TOKENS_SENT);
    assertThat(received.getIdentityId()).isEqualTo("payee");
    assertThat(received.getType()).isEqualTo(ChainEntryType.TOKENS_RECEIVED);
    assertThat(sent.getDedupKey()).isEqualTo(received.getDedupKey()).isEqualTo("tx-tx1");
    assertThat(sent.getPayloadHash().toByteArray()).isEqualTo(ChainEntries.transferPayload("tx1", 500));
  }

  @Test
  void other_nodes_sides_unfinished_and_aborted_sides_record_nothing() {
    assertThat(ChainEvents.transfer(event(TxRole.PAYER).build(), "b")).isEmpty();
    assertThat(ChainEvents.transfer(event(TxRole.PAYER).setFinal(false).build(), "a")).isEmpty();
    assertThat(ChainEvents.transfer(event(TxRole.PAYER).setState(TxState.ABORTED).build(), "a")).isEmpty();
    assertThat(ChainEvents.transfer(event(TxRole.TX_ROLE_UNSPECIFIED).build(), "a")).isEmpty();
  }

  @Test
  void the_admin_section_shows_appends_by_type_and_verifications_with_id_prefixes_only() {
    ChainStats stats = ChainStats.newBuilder().putAppendsByType("CREATED", 2).setDuplicates(1)
      .addLatestVerifications(ChainVerification.newBuilder().setIdentityId("0123456789abcdef0123").setValid(false).setLength(3)
        .setFirstBrokenSequence(4)).build();
    var json = ChainAdminSection.toJson(stats);
    assertThat(json.getJsonObject("appendsByType").getLong("CREATED")).isEqualTo(2);
    assertThat(json.getJsonArray("latestVerifications").getJsonObject(0).getString("idPrefix")).isEqualTo("0123456789ab");
    assertThat(json.getJsonArray("latestVerifications").getJsonObject(0).getLong("firstBrokenSequence")).isEqualTo(4);
  }

  @Test
  void an_attestation_event_appends_given_and_received_only_on_each_identitys_home_node_and_a_revocation_has_its_own_key() {
    org.juicetokens.trust.attestation.proto.AttestationEvent created = org.juicetokens.trust.attestation.proto.AttestationEvent.newBuilder()
      .setAttestationId("x1").setAttesterId("alice").setSubjectId("bob").setAttesterHomeNode("a").setSubjectHomeNode("b")
      .setPayloadHash(com.google.protobuf.ByteString.copyFromUtf8("h")).build();
    assertThat(ChainEvents.attestation(created, "a")).singleElement().satisfies(r -> {
      assertThat(r.getIdentityId()).isEqualTo("alice");
      assertThat(r.getType()).isEqualTo(ChainEntryType.ATTESTATION_GIVEN);
      assertThat(r.getDedupKey()).isEqualTo("att-x1");
    });
    assertThat(ChainEvents.attestation(created, "b")).singleElement().satisfies(r -> {
      assertThat(r.getIdentityId()).isEqualTo("bob");
      assertThat(r.getType()).isEqualTo(ChainEntryType.ATTESTATION_RECEIVED);
    });
    assertThat(ChainEvents.attestation(created, "c")).isEmpty();
    assertThat(ChainEvents.attestation(created.toBuilder().setRevoked(true).build(), "a").get(0).getDedupKey()).isEqualTo("attrev-x1");
  }
}
