package org.juicetokens.trust.chain;

import org.juicetokens.common.Addresses;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.trust.attestation.proto.AttestationEvent;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.attestation.proto.CreateAttestationRequest;
import org.juicetokens.trust.attestation.proto.RevokeAttestationRequest;
import org.juicetokens.trust.chain.proto.ChainEntryType;
import org.juicetokens.trust.chain.proto.ChainEntryView;
import org.juicetokens.trust.chain.proto.ChainGetRequest;
import org.juicetokens.trust.chain.proto.ChainPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.trust.chain.ChainNodeSupport.ask;
import static org.juicetokens.trust.chain.ChainNodeSupport.eventually;
import static org.juicetokens.trust.chain.ChainNodeSupport.identity;
import static org.juicetokens.trust.chain.ChainNodeSupport.types;
import static org.juicetokens.trust.chain.ChainNodeSupport.verify;

/** Two nodes: alice (homed on node1) attests bob (homed on node2); each chain records its side on its own home node. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainAttestationTest {
  private List<JuiceNode> nodes = List.of();

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    nodes = InJvmClusters.startCluster(tmp, List.of("node1", "node2"), Map.of());
    eventually("2 members", () -> nodes.get(0).context().hazelcast().getCluster().getMembers().size() == 2);
  }

  @AfterAll
  void stop() throws Exception {
    InJvmClusters.closeAll(nodes);
  }

  @Test
  void an_attestation_and_its_revocation_are_on_both_chains_once_and_both_chains_verify() throws Exception {
    JuiceNode node1 = nodes.get(0);
    JuiceNode node2 = nodes.get(1);
    String alice = identity(node1, "alice");
    String bob = identity(node2, "bob");
    String id = ask(node2, Addresses.ATTESTATION_CREATE, CreateAttestationRequest.newBuilder().setAttesterId(alice).setSubjectId(bob)
      .setType("reliable").setStrength(80).build(), AttestationView.class).getAttestation().getId();

    eventually("alice's chain has ATTESTATION_GIVEN", () -> types(node2, alice).contains(ChainEntryType.ATTESTATION_GIVEN));
    eventually("bob's chain has ATTESTATION_RECEIVED", () -> types(node1, bob).contains(ChainEntryType.ATTESTATION_RECEIVED));
    assertThat(types(node1, alice)).containsExactly(ChainEntryType.CREATED, ChainEntryType.ATTESTATION_GIVEN);
    assertThat(types(node1, bob)).containsExactly(ChainEntryType.CREATED, ChainEntryType.ATTESTATION_RECEIVED);

    // the same event announced again (a resumed creation does this) appends nothing
    AttestationEvent again = AttestationEvent.newBuilder().setAttestationId(id).setAttesterId(alice).setSubjectId(bob)
      .setAttesterHomeNode(node1.context().nodeId()).setSubjectHomeNode(node2.context().nodeId())
      .setPayloadHash(com.google.protobuf.ByteString.copyFrom(java.util.HexFormat.of().parseHex(payload(node1, alice, 1)))).build();
    node2.vertx().eventBus().publish(Addresses.ATTESTATION_EVENTS, again);

    ask(node1, Addresses.ATTESTATION_REVOKE, RevokeAttestationRequest.newBuilder().setAttestationId(id).setReason("moved away").build(),
      AttestationView.class);
    eventually("alice's chain has the revocation", () -> types(node2, alice).size() == 3);
    eventually("bob's chain has the revocation", () -> types(node2, bob).size() == 3);
    assertThat(types(node2, alice)).containsExactly(ChainEntryType.CREATED, ChainEntryType.ATTESTATION_GIVEN, ChainEntryType.ATTESTATION_GIVEN);
    assertThat(types(node2, bob)).containsExactly(ChainEntryType.CREATED, ChainEntryType.ATTESTATION_RECEIVED,
      ChainEntryType.ATTESTATION_RECEIVED);
    assertThat(payload(node2, alice, 1)).isNotEqualTo(payload(node2, alice, 2)).isEqualTo(payload(node2, bob, 1));
    assertThat(verify(node2, alice).getValid()).isTrue();
    assertThat(verify(node1, bob).getValid()).isTrue();
  }

  /** The payload hash of the {@code index}-th entry (0 = CREATED). */
  private static String payload(JuiceNode via, String id, int index) throws Exception {
    ChainEntryView entry = ask(via, Addresses.CHAIN_GET, ChainGetRequest.newBuilder().setIdentityId(id).build(), ChainPage.class)
      .getEntries(index);
    return entry.getPayloadHash();
  }
}
