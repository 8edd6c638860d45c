package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreAck;
import org.juicetokens.foundation.storage.proto.StoreBatch;
import org.juicetokens.foundation.storage.proto.StoreWrite;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.node.NodeKey;
import io.vertx.core.json.JsonObject;
import org.juicetokens.testing.BusCalls;
import org.juicetokens.testing.Cli;
import org.juicetokens.testing.HttpApi;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.token.transaction.Certificates;
import org.juicetokens.token.transaction.proto.CertificateBody;
import org.juicetokens.token.transaction.proto.SystemAttestation;
import org.juicetokens.token.transaction.proto.TxDecision;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.trust.attestation.proto.AttestationList;
import org.juicetokens.trust.attestation.proto.ListAttestationsRequest;
import org.juicetokens.trust.attestation.proto.Reputation;
import org.juicetokens.trust.attestation.proto.ReputationRequest;
import org.juicetokens.trust.identity.proto.IdentitySignRequest;
import org.juicetokens.trust.identity.proto.IdentitySignature;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The node key registry, the bounded subject index and the publisher's outbox on real nodes. */
class SystemAttestationClusterTest {
  private static final long TIMEOUT_MS = 30_000;

  @TempDir
  Path tmp;

  @Test
  void a_changed_node_key_is_appended_and_the_old_one_kept() throws Exception {
    List<JuiceNode> nodes = InJvmClusters.startCluster(tmp, List.of("a"), Map.of());
    try {
      JuiceNode a = nodes.get(0);
      NodeKeyRegistry first = registry(a, a.context().nodeKey());
      ByteString original = ByteString.copyFrom(a.context().nodeKey().publicKey());
      poll(() -> first.keys("a").await(40, TimeUnit.SECONDS).isPresent());
      assertThat(first.keys("a").await(40, TimeUnit.SECONDS).orElseThrow()).containsExactly(original);
      first.register(3).await(40, TimeUnit.SECONDS);
      assertThat(first.keys("a").await(40, TimeUnit.SECONDS).orElseThrow()).containsExactly(original);
      // the same node id after a wiped data dir: a new key, appended
      NodeKey wiped = NodeKey.ephemeral();
      registry(a, wiped).register(3).await(40, TimeUnit.SECONDS);
      assertThat(first.keys("a").await(40, TimeUnit.SECONDS).orElseThrow())
        .containsExactly(original, ByteString.copyFrom(wiped.publicKey()));
      assertThat(first.keys("nobody").await(40, TimeUnit.SECONDS)).isEmpty();
    } finally {
      InJvmClusters.closeAll(nodes);
    }
  }

  @Test
  void the_subject_index_keeps_only_the_newest_ids() throws Exception {
    List<JuiceNode> nodes = InJvmClusters.startCluster(tmp, List.of("a"), Map.of());
    try {
      JuiceNode a = nodes.get(0);
      SystemAttestationDht dht = new SystemAttestationDht(a.vertx().eventBus(), registry(a, a.context().nodeKey()), TIMEOUT_MS);
      for (int i = 1; i <= 5; i++) {
        dht.addToIndex("subject", "tx" + i + "/subject", 3, 3).await(40, TimeUnit.SECONDS);
      }
      dht.addToIndex("subject", "tx4/subject", 3, 3).await(40, TimeUnit.SECONDS);
      assertThat(dht.index("subject").await(40, TimeUnit.SECONDS).getIdsList()).containsExactly("tx3/subject", "tx4/subject", "tx5/subject");
    } finally {
      InJvmClusters.closeAll(nodes);
    }
  }

  @Test
  void a_node_restarted_with_an_unpublished_system_attestation_publishes_it_at_start() throws Exception {
    String cluster = "test-" + UUID.randomUUID();
    int portA = FreePorts.next();
    int portB = FreePorts.next();
    String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
    Map<String, String> settingsB = InJvmClusters.settings(tmp, "b", cluster, portB, members, Map.of());
    List<JuiceNode> nodes = new ArrayList<>();
    try {
      nodes.add(InJvmClusters.start(InJvmClusters.settings(tmp, "a", cluster, portA, "", Map.of())));
      nodes.add(InJvmClusters.start(settingsB));
      JuiceNode a = nodes.get(0);
      String payer = ask(a, Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName("payer").build(),
        IdentityView.class).getDocument().getId();
      String payee = ask(a, Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName("payee").build(),
        IdentityView.class).getDocument().getId();
      CertificateBody body = Certificates.body("tx-resume", TxDecision.COMMIT, null, null, System.currentTimeMillis());
      IdentitySignature signature = ask(a, Addresses.IDENTITY_SIGN, IdentitySignRequest.newBuilder().setIdentityId(payer).setPurpose("test")
        .setData(ByteString.copyFrom(Certificates.signedBytes(body))).build(), IdentitySignature.class);
      SystemAttestation attestation = SystemAttestation.newBuilder().setTxId("tx-resume").setIdentityId(payee).setRole(TxRole.PAYEE)
        .setPayerId(payer).setPayeeId(payee).setAmountHundredths(700).setCommittedAtMs(body.getTimestampMs()).setNodeId("b")
        .setCertificate(Certificates.of(body, signature.getPublicKey().toByteArray(), signature.getSignature().toByteArray())).build();
      // what b's commit batch would hold: the sys/ record and its outbox marker, with no commit event to wake the publisher
      ask(nodes.get(1), Addresses.STORAGE_BATCH, StoreBatch.newBuilder().setSync(true)
        .addWrites(write("sys/" + payee + "/tx-resume", attestation.toByteString()))
        .addWrites(write("syspub/" + payee + "/tx-resume", ByteString.EMPTY)).build(), StoreAck.class);
      assertThat(list(a, payee).getSystemCount()).isZero();

      nodes.remove(1).close().await(60, TimeUnit.SECONDS);
      nodes.add(InJvmClusters.start(settingsB));

      poll(() -> list(a, payee).getSystemCount() == 1);
      var view = list(a, payee).getSystem(0);
      assertThat(view.getReason()).isEmpty();
      assertThat(view.getValid()).isTrue();
      assertThat(view.getId()).isEqualTo("tx-resume/" + payee);
      assertThat(view.getAttestation().getAmountHundredths()).isEqualTo(700);
      Reputation reputation = ask(a, Addresses.ATTESTATION_REPUTATION, ReputationRequest.newBuilder().setIdentityId(payee).build(),
        Reputation.class);
      assertThat(reputation.getCompletedTransfers()).isEqualTo(1);
      assertThat(reputation.getReliability()).isEqualTo(2.0 / 3.0);
      assertThat(nodes.get(1).context().registry().scrape()).contains("juice_attestations_creations_total{")
        .contains("type=\"system\"");
      // the same list over HTTP and bin/juice
      JsonObject http = HttpApi.call(a.httpPort(), "GET", "/api/v1/identities/" + payee + "/attestations", null, 200);
      assertThat(http.getJsonArray("system").getJsonObject(0).getBoolean("valid")).isTrue();
      assertThat(Cli.expect(0, "attest", "list", "--node", "127.0.0.1:" + a.httpPort(), payee))
        .contains("1 system attestation(s)").contains("tx-resume PAYEE").contains("by node b: valid");
    } finally {
      InJvmClusters.closeAll(nodes);
    }
  }

  private static StoreWrite write(String key, ByteString value) {
    return StoreWrite.newBuilder().setFamily(StoreFamily.ATTESTATIONS.dbName()).setKey(ByteString.copyFromUtf8(key)).setValue(value).build();
  }

  private static NodeKeyRegistry registry(JuiceNode node, NodeKey key) {
    return new NodeKeyRegistry(node.vertx().eventBus(), node.context().nodeId(), key, TIMEOUT_MS, System::currentTimeMillis);
  }

  private static AttestationList list(JuiceNode node, String subject) throws Exception {
    return ask(node, Addresses.ATTESTATION_LIST, ListAttestationsRequest.newBuilder().setSubjectId(subject).build(), AttestationList.class);
  }

  private static <R extends Message> R ask(JuiceNode node, String address, Message request, Class<R> type) throws Exception {
    return BusCalls.ask(node, address, request, type, TIMEOUT_MS);
  }

  interface Check {
    boolean holds() throws Exception;
  }

  /** Polls {@code check} until it holds, failing after 60 s (no timing is asserted: the deadline only ends a hang). */
  static void poll(Check check) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!check.holds()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition still false after 60 s");
      }
      Thread.sleep(200);
    }
  }
}
