package org.juicetokens.trust.attestation;

import com.google.protobuf.Message;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.trust.attestation.proto.Reputation;
import org.juicetokens.trust.attestation.proto.ReputationRequest;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real transfer between two nodes: each side's system attestation (sys/ on its home node) raises its reliability;
 * a payment requiring a trust level the payee lacks is refused before planning, one it meets goes through.
 */
class TransferReputationTest {
  @TempDir
  Path tmp;

  @Test
  void a_completed_transfer_raises_reputation_and_a_payment_requiring_more_trust_is_refused() throws Exception {
    List<JuiceNode> nodes = InJvmClusters.startCluster(tmp, List.of("a", "b"), Map.of("time.peerPollIntervalMs", "300",
      "tx.deadlineMs", "8000", "tx.retryMs", "300", "tx.maxRetryMs", "1000"));
    try {
      InJvmClusters.awaitAdequateTime(nodes);
      String payer = ask(nodes.get(0), Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName("payer").build(),
        IdentityView.class).getDocument().getId();
      String payee = ask(nodes.get(1), Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName("payee").build(),
        IdentityView.class).getDocument().getId();
      assertThat(reputation(nodes.get(1), payee).getScore()).isEqualTo(0.5);
      ask(nodes.get(0), Addresses.TOKEN_MINT, MintRequest.newBuilder().setIssuerId(payer).setOwnerId(payer).setReference("rep1")
        .setDenomination(5).setCount(4).build(), MintReply.class);
      ask(nodes.get(0), Addresses.TX_TRANSFER, TransferRequest.newBuilder().setFromId(payer).setToId(payee).setAmountHundredths(500)
        .build(), Transfer.class);
      JuiceException refused = (JuiceException) org.assertj.core.api.Assertions.catchThrowable(() -> ask(nodes.get(1), Addresses.TX_TRANSFER,
        TransferRequest.newBuilder().setFromId(payer).setToId(payee).setAmountHundredths(500).setMinPayeeTrustLevel("HIGH").build(),
        Transfer.class));
      assertThat(refused.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
      assertThat(refused.getMessage()).contains("trust verification failed");
      ask(nodes.get(1), Addresses.TX_TRANSFER, TransferRequest.newBuilder().setFromId(payer).setToId(payee).setAmountHundredths(500)
        .setMinPayeeTrustLevel("LOW").build(), Transfer.class);
      // the payer's COMMITTED answers before the payee's side finalized and recorded its system attestation
      Reputation payeeReputation = reputation(nodes.get(0), payee);
      for (long deadline = System.currentTimeMillis() + 30_000; payeeReputation.getCompletedTransfers() < 2
        && System.currentTimeMillis() < deadline; payeeReputation = reputation(nodes.get(0), payee)) {
        Thread.sleep(100);
      }
      assertThat(payeeReputation.getCompletedTransfers()).isEqualTo(2);
      assertThat(payeeReputation.getScore()).isGreaterThan(0.5);
      assertThat(payeeReputation.getLevel()).isNotEqualTo("NONE");
      Reputation payerReputation = reputation(nodes.get(1), payer);
      for (long deadline = System.currentTimeMillis() + 30_000; payerReputation.getCompletedTransfers() < 2
        && System.currentTimeMillis() < deadline; payerReputation = reputation(nodes.get(1), payer)) {
        Thread.sleep(100);
      }
      assertThat(payerReputation.getCompletedTransfers()).isEqualTo(2);
    } finally {
      InJvmClusters.closeAll(nodes);
    }
  }

  private static Reputation reputation(JuiceNode node, String id) throws Exception {
    return ask(node, Addresses.ATTESTATION_REPUTATION, ReputationRequest.newBuilder().setIdentityId(id).build(), Reputation.class);
  }

  private static <R extends Message> R ask(JuiceNode node, String address, Message request, Class<R> type) throws Exception {
    return Bus.request(node.vertx().eventBus(), address, request, 30_000, type).await(40, TimeUnit.SECONDS);
  }
}
