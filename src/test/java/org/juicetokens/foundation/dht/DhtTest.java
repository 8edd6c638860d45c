package org.juicetokens.foundation.dht;

import com.google.protobuf.ByteString;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.foundation.dht.proto.DhtGetRequest;
import org.juicetokens.foundation.dht.proto.DhtPutCondition;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.foundation.dht.proto.DhtRemoveRequest;
import org.juicetokens.foundation.dht.proto.DhtStats;
import org.juicetokens.foundation.dht.proto.DhtValue;
import org.juicetokens.foundation.dht.proto.DhtWriteResult;
import org.juicetokens.node.ClusterConfigFactory;
import org.juicetokens.node.config.NodeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.foundation.dht.DhtTestSupport.await;
import static org.juicetokens.foundation.dht.DhtTestSupport.failure;
import static org.juicetokens.foundation.dht.HmacTestVerifier.signedPut;
import static org.juicetokens.foundation.dht.HmacTestVerifier.utf8;

/** The Dht class on a single Hazelcast member (no Vert.x): validation, TTL, signed entries. */
class DhtTest {
  private static HazelcastInstance hazelcast;
  private static DhtVerifiers verifiers;
  private static Dht dht;
  private static ExecutorService callbacks;

  @BeforeAll
  static void startMember() {
    NodeConfig config = NodeConfig.of(Map.of("node.id", "solo", "cluster.name", "test-" + UUID.randomUUID(),
      "cluster.port", String.valueOf(DhtTestSupport.freePort()), "cluster.fastJoin", "true",
      "dht.maxValueBytes", "1024", "dht.maxKeyChars", "32"));
    hazelcast = Hazelcast.newHazelcastInstance(ClusterConfigFactory.create(config));
    verifiers = new DhtVerifiers();
    verifiers.register(DhtMaps.IDENTITIES, new HmacTestVerifier(), true);
    verifiers.register(DhtMaps.ATTESTATIONS, new HmacTestVerifier(), false);
    // a queueing executor, as the node's event loop: Dht hands off from Hazelcast threads
    callbacks = Executors.newSingleThreadExecutor();
    dht = new Dht(hazelcast, "solo", DhtLimits.from(config), verifiers, callbacks);
  }

  @AfterAll
  static void stopMember() {
    hazelcast.getLifecycleService().terminate();
    callbacks.shutdownNow();
  }

  private static DhtPutRequest put(String map, String key, String value, long ttlSeconds) {
    return DhtPutRequest.newBuilder().setMap(map).setKey(key).setValue(ByteString.copyFromUtf8(value)).setTtlSeconds(ttlSeconds).build();
  }

  private static DhtGetRequest get(String map, String key) {
    return DhtGetRequest.newBuilder().setMap(map).setKey(key).build();
  }

  private static DhtGetRequest verifiedGet(String map, String key) {
    return get(map, key).toBuilder().setVerifySignature(true).build();
  }

  @Test
  void put_then_get_returns_the_value_with_owner_and_members_involved() {
    DhtWriteResult written = await(dht.put(put(DhtMaps.KV, "greeting", "hello", 0)));
    DhtValue read = await(dht.get(get(DhtMaps.KV, "greeting")));

    assertThat(written.getExisted()).isFalse();
    assertThat(written.getNodesContacted()).isEqualTo(1); // alone: no member to hold a backup
    assertThat(written.getOwnerNode()).isEqualTo("solo");
    assertThat(written.getLatencyMs()).isPositive();
    assertThat(read.getFound()).isTrue();
    assertThat(utf8(read.getValue())).isEqualTo("hello");
    assertThat(read.getNodesContacted()).isEqualTo(1);
    assertThat(read.getReplicas()).isEqualTo(1);
    assertThat(read.getOwnerNode()).isEqualTo("solo");
    assertThat(read.getWriterNode()).isEqualTo("solo");
    assertThat(read.getWrittenAtMs()).isPositive();
    assertThat(read.getExpiresAtMs()).isZero();
  }

  @Test
  void a_second_put_replaces_the_value_and_says_so() {
    await(dht.put(put(DhtMaps.KV, "replace-me", "one", 0)));
    DhtWriteResult second = await(dht.put(put(DhtMaps.KV, "replace-me", "two", 0)));

    assertThat(second.getExisted()).isTrue();
    assertThat(utf8(await(dht.get(get(DhtMaps.KV, "replace-me"))).getValue())).isEqualTo("two");
  }

  @Test
  void get_of_a_missing_key_reports_not_found_without_failing() {
    DhtValue read = await(dht.get(get(DhtMaps.KV, "never-written")));

    assertThat(read.getFound()).isFalse();
    assertThat(read.getValue().isEmpty()).isTrue();
  }

  @Test
  void remove_deletes_and_reports_whether_a_value_existed() {
    await(dht.put(put(DhtMaps.KV, "to-remove", "x", 0)));

    assertThat(await(dht.remove(DhtRemoveRequest.newBuilder().setMap(DhtMaps.KV).setKey("to-remove").build())).getExisted()).isTrue();
    assertThat(await(dht.get(get(DhtMaps.KV, "to-remove"))).getFound()).isFalse();
    assertThat(await(dht.remove(DhtRemoveRequest.newBuilder().setMap(DhtMaps.KV).setKey("to-remove").build())).getExisted()).isFalse();
  }

  private static DhtPutRequest claim(String key, String value) {
    return put(DhtMaps.KV, key, value, 0).toBuilder().setCondition(DhtPutCondition.IF_ABSENT).build();
  }

  private static DhtPutRequest swap(String key, String expected, String value) {
    return put(DhtMaps.KV, key, value, 0).toBuilder().setCondition(DhtPutCondition.IF_VALUE_MATCHES)
      .setExpectedValue(ByteString.copyFromUtf8(expected)).build();
  }

  @Test
  void if_absent_claims_a_free_key_and_refuses_a_taken_one_showing_the_holder() {
    DhtWriteResult first = await(dht.put(claim("claimed", "alice")));
    DhtWriteResult second = await(dht.put(claim("claimed", "bob")));

    assertThat(first.getApplied()).isTrue();
    assertThat(first.getExisted()).isFalse();
    assertThat(second.getApplied()).isFalse();
    assertThat(second.getExisted()).isTrue();
    assertThat(utf8(second.getCurrentValue())).isEqualTo("alice");
    assertThat(utf8(await(dht.get(get(DhtMaps.KV, "claimed"))).getValue())).isEqualTo("alice");
  }

  @Test
  void if_value_matches_replaces_only_the_expected_value() {
    await(dht.put(put(DhtMaps.KV, "cas", "v1", 0)));

    DhtWriteResult stale = await(dht.put(swap("cas", "v0", "v2")));
    DhtWriteResult fresh = await(dht.put(swap("cas", "v1", "v2")));
    DhtWriteResult absent = await(dht.put(swap("cas-missing", "v1", "v2")));

    assertThat(stale.getApplied()).isFalse();
    assertThat(utf8(stale.getCurrentValue())).isEqualTo("v1");
    assertThat(fresh.getApplied()).isTrue();
    assertThat(utf8(await(dht.get(get(DhtMaps.KV, "cas"))).getValue())).isEqualTo("v2");
    assertThat(absent.getApplied()).isFalse();
    assertThat(absent.getExisted()).isFalse();
    assertThat(await(dht.get(get(DhtMaps.KV, "cas-missing"))).getFound()).isFalse();
  }

  @Test
  void a_conditional_put_with_a_ttl_expires_like_any_other() throws InterruptedException {
    await(dht.put(claim("claim-ttl", "x").toBuilder().setTtlSeconds(1).build()));
    assertThat(await(dht.get(get(DhtMaps.KV, "claim-ttl"))).getExpiresAtMs()).isPositive();

    long deadline = System.currentTimeMillis() + 15_000;
    while (await(dht.get(get(DhtMaps.KV, "claim-ttl"))).getFound() && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(await(dht.get(get(DhtMaps.KV, "claim-ttl"))).getFound()).isFalse();
    assertThat(await(dht.put(claim("claim-ttl", "y"))).getApplied()).isTrue();
  }

  @Test
  void a_conditional_put_in_a_signed_only_map_is_still_refused_unsigned() {
    DhtPutRequest unsigned = DhtPutRequest.newBuilder().setMap(DhtMaps.IDENTITIES).setKey("cond-unsigned")
      .setValue(ByteString.copyFromUtf8("x")).setCondition(DhtPutCondition.IF_ABSENT).build();

    assertThat(failure(dht.put(unsigned)).code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(await(dht.get(get(DhtMaps.IDENTITIES, "cond-unsigned"))).getFound()).isFalse();
  }

  @Test
  void expected_value_without_its_condition_is_bad_input() {
    DhtPutRequest odd = put(DhtMaps.KV, "odd", "x", 0).toBuilder().setExpectedValue(ByteString.copyFromUtf8("y")).build();

    assertThat(failure(dht.put(odd)).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(await(dht.get(get(DhtMaps.KV, "odd"))).getFound()).isFalse();
  }

  @Test
  void invalid_requests_fail_with_invalid_argument_and_store_nothing() {
    List<DhtPutRequest> bad = List.of(
      put("jt.nope", "k", "v", 0),
      put("", "k", "v", 0),
      put(DhtMaps.KV, "", "v", 0),
      put(DhtMaps.KV, "k".repeat(33), "v", 0),
      put(DhtMaps.KV, "big", "v".repeat(1025), 0),
      put(DhtMaps.KV, "negative-ttl", "v", -1),
      put(DhtMaps.KV, "half-signed", "v", 0).toBuilder().setSignerId("alice").build(),
      signedPut(DhtMaps.ATTESTATIONS, "no-time", "v", "alice", 1).toBuilder().setWrittenAtMs(0).build());

    for (DhtPutRequest request : bad) {
      assertThat(failure(dht.put(request)).code()).as(request.getMap() + "/" + request.getKey()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
    assertThat(failure(dht.get(get("jt.nope", "k"))).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(failure(dht.get(get(DhtMaps.KV, ""))).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(failure(dht.remove(DhtRemoveRequest.newBuilder().setMap(DhtMaps.KV).setKey("k".repeat(33)).build())).code())
      .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    for (String key : List.of("big", "negative-ttl", "half-signed")) {
      assertThat(await(dht.get(get(DhtMaps.KV, key))).getFound()).as(key).isFalse();
    }
  }

  @Test
  void a_value_of_exactly_the_limit_is_accepted() {
    await(dht.put(put(DhtMaps.KV, "at-limit", "v".repeat(1024), 0)));

    assertThat(await(dht.get(get(DhtMaps.KV, "at-limit"))).getValue().size()).isEqualTo(1024);
  }

  @Test
  void ttl_expiry_removes_the_entry() throws InterruptedException {
    long before = System.currentTimeMillis();
    await(dht.put(put(DhtMaps.KV, "short-lived", "bye", 1)));
    DhtValue fresh = await(dht.get(get(DhtMaps.KV, "short-lived")));
    assertThat(fresh.getFound()).isTrue();
    assertThat(fresh.getExpiresAtMs()).isBetween(before + 1000, System.currentTimeMillis() + 1000);

    long deadline = System.currentTimeMillis() + 15_000;
    while (await(dht.get(get(DhtMaps.KV, "short-lived"))).getFound() && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(await(dht.get(get(DhtMaps.KV, "short-lived"))).getFound()).isFalse();
  }

  @Test
  void a_put_without_ttl_takes_the_map_default_ttl() {
    long before = System.currentTimeMillis();
    await(dht.put(put(DhtMaps.PEER_ADVERTISEMENTS, "peer-1", "ws://x", 0)));

    // discovery.advertisementTtlSeconds (the map default for peer advertisements) is 30
    assertThat(await(dht.get(get(DhtMaps.PEER_ADVERTISEMENTS, "peer-1"))).getExpiresAtMs())
      .isBetween(before + 30_000, System.currentTimeMillis() + 30_000);
  }

  @Test
  void a_signed_put_the_verifier_accepts_is_stored_and_reads_back_verified() {
    await(dht.put(signedPut(DhtMaps.IDENTITIES, "id-alice", "doc-v1", "alice", 1_700_000_000_000L)));

    DhtValue read = await(dht.get(verifiedGet(DhtMaps.IDENTITIES, "id-alice")));
    assertThat(read.getFound()).isTrue();
    assertThat(read.getSignerId()).isEqualTo("alice");
    assertThat(read.getSignatureVerified()).isTrue();
    assertThat(read.getWrittenAtMs()).isEqualTo(1_700_000_000_000L);
  }

  @Test
  void a_signed_put_with_a_bad_signature_is_refused_and_stores_nothing() {
    DhtPutRequest forged = signedPut(DhtMaps.ATTESTATIONS, "att-1", "honest", "alice", 1_700_000_000_000L).toBuilder()
      .setValue(ByteString.copyFromUtf8("forged")).build();
    DhtPutRequest wrongKey = signedPut(DhtMaps.ATTESTATIONS, "att-2", "v", "alice", 1_700_000_000_000L).toBuilder()
      .setSignerPublicKey(HmacTestVerifier.publicKeyOf("mallory")).build();
    DhtPutRequest otherKeySlot = signedPut(DhtMaps.ATTESTATIONS, "att-3", "v", "alice", 1_700_000_000_000L).toBuilder()
      .setKey("att-3-moved").build();

    for (DhtPutRequest request : List.of(forged, wrongKey, otherKeySlot)) {
      JuiceException refused = failure(dht.put(request));
      assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
      assertThat(refused.getMessage()).contains("bad signature");
      assertThat(await(dht.get(get(DhtMaps.ATTESTATIONS, request.getKey()))).getFound()).isFalse();
    }
  }

  @Test
  void a_signed_put_to_a_map_without_verifier_is_refused() {
    JuiceException refused = failure(dht.put(signedPut(DhtMaps.KV, "signed-kv", "v", "alice", 1_700_000_000_000L)));

    assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(refused.getMessage()).contains("no verifier");
  }

  @Test
  void a_signed_only_map_refuses_unsigned_puts_while_other_maps_accept_them() {
    JuiceException refused = failure(dht.put(put(DhtMaps.IDENTITIES, "id-unsigned", "doc", 0)));

    assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(await(dht.get(get(DhtMaps.IDENTITIES, "id-unsigned"))).getFound()).isFalse();
    await(dht.put(put(DhtMaps.ATTESTATIONS, "att-unsigned", "node-written", 0)));
    DhtValue read = await(dht.get(verifiedGet(DhtMaps.ATTESTATIONS, "att-unsigned")));
    assertThat(read.getFound()).isTrue();
    assertThat(read.getSignatureVerified()).isFalse();
  }

  @Test
  void verify_on_read_refuses_an_entry_altered_in_the_map() {
    await(dht.put(signedPut(DhtMaps.IDENTITIES, "id-bob", "doc-v1", "bob", 1_700_000_000_000L)));
    // someone writes to the map directly, keeping bob's signature on a different value
    DhtEntry stored = DhtEntry.newBuilder()
      .setValue(ByteString.copyFromUtf8("doc-evil")).setWrittenAtMs(1_700_000_000_000L).setWriterNode("elsewhere")
      .setSignerId("bob").setSignerPublicKey(HmacTestVerifier.publicKeyOf("bob"))
      .setSignature(signedPut(DhtMaps.IDENTITIES, "id-bob", "doc-v1", "bob", 1_700_000_000_000L).getSignature()).build();
    hazelcast.<String, byte[]>getMap(DhtMaps.IDENTITIES).set("id-bob", stored.toByteArray());
    hazelcast.<String, byte[]>getMap(DhtMaps.IDENTITIES).set("id-sneaky", DhtEntry.newBuilder()
      .setValue(ByteString.copyFromUtf8("unsigned")).build().toByteArray());

    assertThat(failure(dht.get(verifiedGet(DhtMaps.IDENTITIES, "id-bob"))).code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(failure(dht.get(verifiedGet(DhtMaps.IDENTITIES, "id-sneaky"))).code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    DhtValue unchecked = await(dht.get(get(DhtMaps.IDENTITIES, "id-bob")));
    assertThat(unchecked.getSignatureVerified()).isFalse();
    assertThat(verifiers.check(DhtMaps.IDENTITIES, "id-bob", stored)).isEqualTo(DhtVerifiers.Verdict.BAD_SIGNATURE);
  }

  @Test
  void an_undecodable_stored_value_is_reported_as_data_corruption() {
    hazelcast.<String, byte[]>getMap(DhtMaps.KV).set("garbage", new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});

    assertThat(failure(dht.get(get(DhtMaps.KV, "garbage"))).code()).isEqualTo(ErrorCode.DATA_CORRUPTION);
  }

  @Test
  void local_stats_count_owned_entries_per_map_and_operations() {
    await(dht.put(put(DhtMaps.CHAIN_HEADS, "head-1", "h", 0)));
    await(dht.put(put(DhtMaps.CHAIN_HEADS, "head-2", "h", 0)));
    await(dht.get(get(DhtMaps.CHAIN_HEADS, "head-1")));

    DhtStats stats = dht.localStats();
    assertThat(stats.getMapsList()).extracting(m -> m.getName()).containsExactlyElementsOf(DhtMaps.ALL);
    assertThat(stats.getMapsList()).filteredOn(m -> m.getName().equals(DhtMaps.CHAIN_HEADS))
      .singleElement().satisfies(m -> {
        assertThat(m.getLocalOwnedEntries()).isEqualTo(2);
        assertThat(m.getLocalBackupEntries()).isZero();
        assertThat(m.getBackupCount()).isEqualTo(1);
      });
    assertThat(stats.getPuts()).isGreaterThanOrEqualTo(2);
    assertThat(stats.getGets()).isGreaterThanOrEqualTo(1);
    assertThat(stats.getGetLatencyP99Ms()).isGreaterThanOrEqualTo(stats.getGetLatencyP50Ms()).isPositive();
    assertThat(stats.getClusterSize()).isEqualTo(1);
    assertThat(stats.getClusterState()).isEqualTo("ACTIVE");
    assertThat(dht.members()).singleElement().satisfies(m -> {
      assertThat(m.getNodeId()).isEqualTo("solo");
      assertThat(m.getLocal()).isTrue();
    });
  }

  @Test
  void health_is_up_with_cluster_details() {
    var status = DhtHealth.of(dht);

    assertThat(status.isOk()).isTrue();
    assertThat(status.getData().getInteger("clusterSize")).isEqualTo(1);
    assertThat(status.getData().getJsonArray("members").getList()).containsExactly("solo");
    assertThat(status.getData().getString("clusterState")).isEqualTo("ACTIVE");
  }
}
