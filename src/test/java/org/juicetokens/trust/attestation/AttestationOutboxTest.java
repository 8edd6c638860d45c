package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryContext;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.foundation.dht.proto.DhtGetRequest;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.foundation.dht.proto.DhtValue;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreScan;
import org.juicetokens.foundation.storage.proto.StoreScanResult;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.BusCalls;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.trust.attestation.proto.AttestationIndex;
import org.juicetokens.trust.attestation.proto.AttestationRecord;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.attestation.proto.CreateAttestationRequest;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attestation creation across its three writes, on two nodes (a, b): a fault injected on node a
 * between the writes (its DHT_PUT requests for one map dropped by an outbound interceptor: the
 * request times out) leaves a pending creation that the resumer finishes once the fault is gone;
 * a creation refused because the subject's index is full leaves nothing anywhere.
 */
class AttestationOutboxTest {
  private static final long TIMEOUT_MS = 30_000;
  @TempDir
  static Path tmp;
  static List<JuiceNode> nodes;
  static volatile String droppedMap = "";
  static final Handler<DeliveryContext<Object>> FAULT = ctx -> {
    if (ctx.message().address().equals(Addresses.DHT_PUT) && ctx.body() instanceof DhtPutRequest put && put.getMap().equals(droppedMap)) {
      return;
    }
    ctx.next();
  };

  @BeforeAll
  static void start() throws Exception {
    nodes = InJvmClusters.startCluster(tmp, List.of("a", "b"), Map.of("attestation.resumeIntervalMs", "1000",
      "attestation.resumeMaxBackoffMs", "2000", "attestation.maxPerSubject", "2", "node.requestTimeoutMs", "3000"));
    nodes.get(0).vertx().eventBus().addOutboundInterceptor(FAULT);
  }

  @AfterEach
  void heal() {
    droppedMap = "";
  }

  @AfterAll
  static void stop() throws Exception {
    InJvmClusters.closeAll(nodes);
  }

  @Test
  void a_creation_cut_before_the_index_is_indexed_by_the_resumer() throws Exception {
    String alice = identity(0, "alice");
    String bob = identity(1, "bob");
    String id = failedCreation(DhtMaps.ATTESTATIONS_BY_SUBJECT, alice, bob);
    assertThat(dht(DhtMaps.ATTESTATIONS, id).getFound()).isTrue();
    assertThat(index(bob)).doesNotContain(id);

    droppedMap = "";
    eventually("indexed by the resumer", () -> index(bob).contains(id) && pendingIds().isEmpty());
    assertThat(nodes.get(0).context().registry().scrape()).contains("juice_attestation_resumed_total{").contains("outcome=\"finished\"");
    assertThat(BusCalls.ask(nodes.get(1), Addresses.ATTESTATION_LIST, org.juicetokens.trust.attestation.proto.ListAttestationsRequest
      .newBuilder().setSubjectId(bob).build(), org.juicetokens.trust.attestation.proto.AttestationList.class, TIMEOUT_MS)
      .getAttestationsList()).anySatisfy(v -> {
        assertThat(v.getAttestation().getId()).isEqualTo(id);
        assertThat(v.getValid()).isTrue();
      });
  }

  @Test
  void a_creation_cut_before_publishing_is_published_and_indexed_by_the_resumer() throws Exception {
    String carol = identity(0, "carol");
    String dave = identity(1, "dave");
    String id = failedCreation(DhtMaps.ATTESTATIONS, carol, dave);
    assertThat(dht(DhtMaps.ATTESTATIONS, id).getFound()).isFalse();
    assertThat(scan(0, "peer/" + carol + "/").getEntriesCount()).isEqualTo(1);

    droppedMap = "";
    eventually("published and indexed by the resumer", () -> index(dave).contains(id) && pendingIds().isEmpty());
    assertThat(dht(DhtMaps.ATTESTATIONS, id).getFound()).isTrue();
  }

  @Test
  void an_index_filled_while_a_creation_was_pending_gets_that_attestation_revoked_as_subject_index_full() throws Exception {
    String erin = identity(0, "erin");
    String frank = identity(1, "frank");
    String id = failedCreation(DhtMaps.ATTESTATIONS_BY_SUBJECT, erin, frank);
    create(1, identity(1, "gina"), frank);
    create(1, identity(1, "hugo"), frank);

    droppedMap = "";
    eventually("resolved by the resumer", () -> pendingIds().isEmpty());
    assertThat(index(frank)).hasSize(2).doesNotContain(id);
    AttestationRecord record = AttestationRecord.parseFrom(dht(DhtMaps.ATTESTATIONS, id).getValue());
    assertThat(record.hasRevocation()).isTrue();
    assertThat(Attestations.decodeRevocation(record.getRevocation()).getReason()).isEqualTo(AttestationOutbox.INDEX_FULL);
  }

  @Test
  void a_creation_refused_for_a_full_index_writes_nothing() throws Exception {
    String ivan = identity(1, "ivan");
    create(1, identity(1, "judy"), ivan);
    create(1, identity(1, "kim"), ivan);
    String leo = identity(0, "leo");
    assertThatThrownBy(() -> create(0, leo, ivan)).isInstanceOfSatisfying(JuiceException.class,
      e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT)).hasMessageContaining("attestation.maxPerSubject");
    assertThat(scan(0, "peer/" + leo + "/").getEntriesCount()).isZero();
    assertThat(pendingIds()).isEmpty();
    assertThat(index(ivan)).hasSize(2);
    assertThat(nodes.get(0).context().hazelcast().<String, byte[]>getMap(DhtMaps.ATTESTATIONS).values()).noneSatisfy(bytes ->
      assertThat(Attestations.decode(AttestationRecord.parseFrom(DhtEntry.parseFrom(bytes).getValue())).getAttesterId()).isEqualTo(leo));
  }

  /** Creates with node a's DHT_PUT for {@code map} dropped: the creation fails and stays pending; answers its id. */
  private static String failedCreation(String map, String attester, String subject) throws Exception {
    droppedMap = map;
    assertThatThrownBy(() -> create(0, attester, subject)).isInstanceOf(JuiceException.class);
    List<String> pending = pendingIds();
    assertThat(pending).hasSize(1);
    return pending.get(0);
  }

  private static AttestationView create(int node, String attester, String subject) throws Exception {
    return BusCalls.ask(nodes.get(node), Addresses.ATTESTATION_CREATE, CreateAttestationRequest.newBuilder().setAttesterId(attester)
      .setSubjectId(subject).setType("reliable").setStrength(80).build(), AttestationView.class, TIMEOUT_MS);
  }

  private static List<String> pendingIds() {
    try {
      return scan(0, PendingAttestations.PREFIX).getEntriesList().stream()
        .map(e -> e.getKey().toStringUtf8().substring(PendingAttestations.PREFIX.length())).toList();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static StoreScanResult scan(int node, String prefix) throws Exception {
    return BusCalls.ask(nodes.get(node), Addresses.STORAGE_SCAN, StoreScan.newBuilder().setFamily(StoreFamily.ATTESTATIONS.dbName())
      .setPrefix(ByteString.copyFromUtf8(prefix)).setLimit(100).build(), StoreScanResult.class, TIMEOUT_MS);
  }

  private static DhtValue dht(String map, String key) throws Exception {
    return BusCalls.ask(nodes.get(1), Addresses.DHT_GET, DhtGetRequest.newBuilder().setMap(map).setKey(key).build(), DhtValue.class, TIMEOUT_MS);
  }

  private static List<String> index(String subject) {
    try {
      DhtValue value = dht(DhtMaps.ATTESTATIONS_BY_SUBJECT, subject);
      return value.getFound() ? AttestationIndex.parseFrom(value.getValue()).getIdsList() : List.of();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String identity(int node, String name) throws Exception {
    return BusCalls.ask(nodes.get(node), Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName(name).build(),
      IdentityView.class, TIMEOUT_MS).getDocument().getId();
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as(what).isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
