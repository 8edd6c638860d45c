package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.Cli;
import org.juicetokens.testing.HttpApi;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.trust.attestation.proto.CommunityApproval;
import org.juicetokens.trust.attestation.proto.CommunityAttestation;
import org.juicetokens.trust.attestation.proto.CommunityStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Community attestations on a three-node cluster through HTTP/JSON (and bin/juice): members m1, m2,
 * m3 homed on a, b, c; requests enter on other nodes than the signer's home, so every signing step
 * is routed point-to-point.
 */
class CommunityClusterTest {
  @TempDir
  static Path tmp;
  static List<JuiceNode> nodes;
  static String m1;
  static String m2;
  static String m3;
  static String subject;
  static String outsider;

  @BeforeAll
  static void start() throws Exception {
    nodes = InJvmClusters.startCluster(tmp, List.of("a", "b", "c"), Map.of());
    m1 = identity(0, "m1");
    m2 = identity(1, "m2");
    m3 = identity(2, "m3");
    subject = identity(0, "subject");
    outsider = identity(2, "outsider");
  }

  @AfterAll
  static void stop() throws Exception {
    InJvmClusters.closeAll(nodes);
  }

  @Test
  void a_statement_becomes_valid_at_the_threshold_of_distinct_members_and_raises_the_subjects_reputation() throws Exception {
    String community = community(1, m1, 2, m1, m2, m3).getJsonObject("community").getString("id");
    JsonObject shown = HttpApi.call(port(2), "GET", "/api/v1/communities/" + community, null, 200);
    assertThat(shown.getBoolean("valid")).isTrue();
    assertThat(shown.getJsonObject("community").getJsonArray("memberIds")).containsExactly(m1, m2, m3);
    assertThat(reputation(subject).getString("level")).isEqualTo("NONE");

    JsonObject proposed = HttpApi.call(port(2), "POST", "/api/v1/communities/" + community + "/attestations", new JsonObject()
      .put("proposerId", m1).put("subjectId", subject).put("type", "reliable").put("strength", 90).put("content", "known to us"), 200);
    String id = proposed.getJsonObject("statement").getString("id");
    assertPending(proposed);
    JsonObject again = approve(1, id, m1, 200);
    assertThat(again.getBoolean("alreadyApproved")).isTrue();
    assertPending(again);
    assertPending(HttpApi.call(port(0), "GET", "/api/v1/community-attestations/" + id, null, 200));

    JsonObject second = approve(0, id, m2, 200);
    assertThat(second.getBoolean("valid")).isTrue();
    assertThat(second.getInteger("approvals")).isEqualTo(2);
    assertThat(second.getJsonArray("approverIds")).containsExactly(m1, m2);
    JsonObject reputation = reputation(subject);
    assertThat(reputation.getDouble("score")).isGreaterThan(0.5);
    assertThat(reputation.getString("level")).isNotEqualTo("NONE");
    JsonArray listed = HttpApi.call(port(2), "GET", "/api/v1/identities/" + subject + "/attestations", null, 200).getJsonArray("community");
    assertThat(listed).hasSize(1);
    assertThat(listed.getJsonObject(0).getBoolean("valid")).isTrue();
    assertThat(nodes.get(1).context().registry().scrape()).contains("type=\"community\"");
  }

  @Test
  void a_non_member_is_denied_and_the_subject_may_not_approve_a_statement_about_itself() throws Exception {
    String community = community(0, m2, 3, m1, m2, m3).getJsonObject("community").getString("id");
    String id = HttpApi.call(port(0), "POST", "/api/v1/communities/" + community + "/attestations", new JsonObject()
      .put("proposerId", m1).put("subjectId", m3).put("type", "skill").put("strength", 70), 200).getJsonObject("statement").getString("id");
    JsonObject denied = approve(1, id, outsider, 403);
    assertThat(denied.getString("message")).contains("not a member");
    JsonObject self = approve(1, id, m3, 400);
    assertThat(self.getString("message")).contains("self-attestation");
    JsonObject after = HttpApi.call(port(1), "GET", "/api/v1/community-attestations/" + id, null, 200);
    assertThat(after.getJsonObject("record").getJsonArray("approvals")).hasSize(1);
    assertThat(after.getString("reason")).isEqualTo("approvals below threshold (1 of 3)");
    JsonObject outsiderProposal = HttpApi.call(port(2), "POST", "/api/v1/communities/" + community + "/attestations", new JsonObject()
      .put("proposerId", outsider).put("subjectId", subject).put("type", "skill").put("strength", 70), 403);
    assertThat(outsiderProposal.getString("message")).contains("not a member");
  }

  @Test
  void bad_declarations_are_invalid_arguments_and_write_nothing() throws Exception {
    int before = nodes.get(0).context().hazelcast().getMap(DhtMaps.COMMUNITIES).size();
    assertThat(communityRefused(m1, 0, m1, m2, m3)).contains("threshold");
    assertThat(communityRefused(m1, 4, m1, m2, m3)).contains("threshold");
    assertThat(communityRefused(m1, 2, m1, m2, m2)).contains("distinct");
    assertThat(communityRefused(m1, 2, m1, m2, "00" + m3.substring(2))).contains("unknown member");
    assertThat(communityRefused(m1, 1, m1)).contains("2-");
    assertThat(nodes.get(0).context().hazelcast().getMap(DhtMaps.COMMUNITIES).size()).isEqualTo(before);
  }

  @Test
  void bin_juice_creates_shows_proposes_and_approves() {
    String at = "127.0.0.1:" + port(2);
    String created = Cli.expect(0, "community", "create", "--node", at, "--founder", m3, "--name", "gardeners", "--member", m1 + "," + m2,
      "--threshold", "2");
    assertThat(created).contains("created").contains("valid");
    String community = created.substring(created.indexOf("created ") + 8).split(" ")[0];
    assertThat(Cli.expect(0, "community", "show", "--node", at, community)).contains("gardeners").contains(m2);
    String proposed = Cli.expect(0, "attest", "community", "propose", "--node", at, "--community", community, "--proposer", m1,
      "--subject", outsider, "--type", "character", "--strength", "60");
    assertThat(proposed).contains("1 of 2 approvals").contains("INVALID (approvals below threshold (1 of 2))");
    String id = proposed.substring(proposed.indexOf("proposed ") + 9).split(" ")[0];
    assertThat(Cli.expect(0, "attest", "community", "approve", "--node", at, id, "--member", m1)).contains("already approved");
    assertThat(Cli.expect(0, "attest", "community", "approve", "--node", at, id, "--member", m2)).contains("2 of 2 approvals: valid");
    assertThat(Cli.expect(0, "attest", "community", "show", "--node", at, id)).contains("approved by: " + m1 + ", " + m2);
    assertThat(Cli.expect(1, "attest", "community", "approve", "--node", at, id, "--member", m3)).contains("not a member");
  }

  @Test
  void concurrent_approvals_of_two_members_both_count() throws Exception {
    String community = community(2, m1, 3, m1, m2, m3).getJsonObject("community").getString("id");
    String id = HttpApi.call(port(1), "POST", "/api/v1/communities/" + community + "/attestations", new JsonObject()
      .put("proposerId", m1).put("subjectId", outsider).put("type", "identity").put("strength", 50), 200)
      .getJsonObject("statement").getString("id");
    var byM2 = HttpApi.callAsync(port(1), "POST", "/api/v1/community-attestations/" + id + ":approve", new JsonObject().put("memberId", m2));
    var byM3 = HttpApi.callAsync(port(2), "POST", "/api/v1/community-attestations/" + id + ":approve", new JsonObject().put("memberId", m3));
    assertThat(byM2.get(60, TimeUnit.SECONDS).statusCode()).as(byM2.get().body()).isEqualTo(200);
    assertThat(byM3.get(60, TimeUnit.SECONDS).statusCode()).as(byM3.get().body()).isEqualTo(200);
    JsonObject read = HttpApi.call(port(0), "GET", "/api/v1/community-attestations/" + id, null, 200);
    assertThat(read.getBoolean("valid")).isTrue();
    assertThat(read.getJsonArray("approverIds")).containsExactlyInAnyOrder(m1, m2, m3);
  }

  @Test
  void forged_records_read_with_the_reason_unknown_community_unknown_subject_or_bad_signature() throws Exception {
    String community = community(0, m1, 1, m1, m2).getJsonObject("community").getString("id");
    assertThat(forged("e1".repeat(16), "ab".repeat(16), subject).getString("reason")).isEqualTo("unknown community");
    assertThat(forged("e2".repeat(16), community, "00" + subject.substring(2)).getString("reason")).isEqualTo("unknown subject");
    assertThat(forged("e3".repeat(16), community, subject).getString("reason")).isEqualTo("bad signature");
  }

  /** Writes straight into Hazelcast a record approved by m1's id with a key that is not m1's (entry-valid, so only the read can tell). */
  private static JsonObject forged(String id, String community, String about) throws Exception {
    Ed25519.PrivateKey mallory = Ed25519.generate(new SecureRandom());
    ByteString statement = CommunityStatement.newBuilder().setId(id).setCommunityId(community).setSubjectId(about).setType("reliable")
      .setThreshold(1).setStrength(100).setProposerId(m1).build().toByteString();
    CommunityAttestation record = CommunityAttestation.newBuilder().setStatement(statement).addApprovals(CommunityApproval.newBuilder()
      .setMemberId(m1).setPublicKey(ByteString.copyFrom(mallory.publicKey()))
      .setSignature(ByteString.copyFrom(mallory.sign(CommunityAttestations.approvalSignedBytes(statement))))).build();
    DhtEntry unsigned = DhtEntry.newBuilder().setValue(record.toByteString()).setWrittenAtMs(System.currentTimeMillis()).setWriterNode("a")
      .setSignerId(m1).setSignerPublicKey(ByteString.copyFrom(mallory.publicKey())).build();
    DhtEntry entry = unsigned.toBuilder().setSignature(ByteString.copyFrom(mallory.sign(
      DhtEntryVerifier.signedBytes(DhtMaps.COMMUNITY_ATTESTATIONS, id, unsigned)))).build();
    nodes.get(0).context().hazelcast().<String, byte[]>getMap(DhtMaps.COMMUNITY_ATTESTATIONS).put(id, entry.toByteArray());
    JsonObject read = HttpApi.call(port(1), "GET", "/api/v1/community-attestations/" + id, null, 200);
    assertThat(read.getBoolean("valid", false)).isFalse();
    return read;
  }

  private static void assertPending(JsonObject view) {
    assertThat(view.getBoolean("valid", false)).isFalse();
    assertThat(view.getInteger("approvals")).isEqualTo(1);
    assertThat(view.getString("reason")).isEqualTo("approvals below threshold (1 of 2)");
  }

  private static JsonObject community(int node, String founder, int threshold, String... members) throws Exception {
    return HttpApi.call(port(node), "POST", "/api/v1/communities", declaration(founder, threshold, members), 200);
  }

  private static String communityRefused(String founder, int threshold, String... members) throws Exception {
    return HttpApi.call(port(1), "POST", "/api/v1/communities", declaration(founder, threshold, members), 400).getString("message");
  }

  private static JsonObject declaration(String founder, int threshold, String... members) {
    return new JsonObject().put("founderId", founder).put("name", "club").put("memberIds", new JsonArray(List.of(members)))
      .put("threshold", threshold);
  }

  private static JsonObject approve(int node, String id, String member, int status) throws Exception {
    return HttpApi.call(port(node), "POST", "/api/v1/community-attestations/" + id + ":approve", new JsonObject().put("memberId", member),
      status);
  }

  private static JsonObject reputation(String id) throws Exception {
    return HttpApi.call(port(1), "GET", "/api/v1/identities/" + id + "/reputation", null, 200);
  }

  private static int port(int node) {
    return nodes.get(node).httpPort();
  }

  private static String identity(int node, String name) throws Exception {
    return HttpApi.call(port(node), "POST", "/api/v1/identities", new JsonObject().put("displayName", name), 200).getString("id");
  }
}
