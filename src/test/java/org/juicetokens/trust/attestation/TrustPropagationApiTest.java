package org.juicetokens.trust.attestation;

import io.vertx.core.json.JsonObject;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.Cli;
import org.juicetokens.testing.HttpApi;
import org.juicetokens.testing.InJvmClusters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trust propagated through the API on a two-node cluster: A and C homed on a, B and D on b;
 * A→B HIGH, B→C MEDIUM, C→D LOW (the case), asked over HTTP/JSON of either node.
 */
class TrustPropagationApiTest {
  @TempDir
  static Path tmp;
  static List<JuiceNode> nodes;
  static String a;
  static String b;
  static String c;
  static String d;

  @BeforeAll
  static void start() throws Exception {
    nodes = InJvmClusters.startCluster(tmp, List.of("a", "b"), Map.of());
    a = identity(0, "A");
    b = identity(1, "B");
    c = identity(0, "C");
    d = identity(1, "D");
    attest(a, b, 90);
    attest(b, c, 60);
    attest(c, d, 30);
  }

  @AfterAll
  static void stop() throws Exception {
    InJvmClusters.closeAll(nodes);
  }

  @Test
  void trust_follows_the_weakest_edge_up_to_the_depth_asked() throws Exception {
    JsonObject toC = trust(1, c, "?from=" + a, 200);
    assertThat(toC.getString("level")).isEqualTo("MEDIUM");
    assertThat(toC.getInteger("depth")).isEqualTo(2);
    assertThat(toC.getJsonArray("path").getList()).containsExactly(a, b, c);
    JsonObject toD = trust(0, d, "?from=" + a, 200);
    assertThat(toD.getString("level")).isEqualTo("LOW");
    assertThat(toD.getInteger("depth")).isEqualTo(3);
    assertThat(toD.getInteger("maxDepth")).isEqualTo(3);
    JsonObject shallow = trust(0, d, "?from=" + a + "&maxDepth=2", 200);
    assertThat(shallow.getString("level")).isEqualTo("NONE");
    assertThat(shallow.getInteger("depth", 0)).isZero();
    assertThat(shallow.getJsonArray("path", new io.vertx.core.json.JsonArray())).isEmpty();
  }

  @Test
  void trust_does_not_flow_against_the_attestations() throws Exception {
    assertThat(trust(0, a, "?from=" + d, 200).getString("level")).isEqualTo("NONE");
  }

  @Test
  void a_depth_above_the_setting_and_bad_ids_are_refused() throws Exception {
    assertThat(trust(0, d, "?from=" + a + "&maxDepth=4", 400).getString("message")).contains("trust.maxDepth");
    assertThat(trust(0, d, "?from=" + a + "&maxDepth=-1", 400).getString("message")).contains("trust.maxDepth");
    trust(0, d, "?from=" + a + "&maxDepth=two", 400);
    trust(1, d, "?from=not-an-id", 400);
    trust(0, d, "", 400);
    trust(0, d, "?from=" + d, 400);
    assertThat(trust(1, d, "?from=" + "00".repeat(20), 404).getString("message")).contains("unknown identity");
    assertThat(trust(1, "11".repeat(20), "?from=" + a, 404).getString("message")).contains("unknown identity");
  }

  @Test
  void bin_juice_attest_trust_prints_level_depth_and_path() throws Exception {
    String at = "127.0.0.1:" + nodes.get(1).httpPort();
    assertThat(Cli.expect(0, "attest", "trust", "--node", at, "--from", a, "--to", d)).contains("LOW at depth 3").contains(b + " -> " + c);
    assertThat(Cli.expect(0, "attest", "trust", "--node", at, "--from", a, "--to", d, "--max-depth", "2")).contains("NONE");
    assertThat(Cli.expect(1, "attest", "trust", "--node", at, "--from", a, "--to", d, "--max-depth", "9")).contains("trust.maxDepth");
  }

  private static JsonObject trust(int node, String to, String query, int status) throws Exception {
    return HttpApi.call(nodes.get(node).httpPort(), "GET", "/api/v1/identities/" + to + "/trust" + query, null, status);
  }

  private static void attest(String attester, String subject, int strength) throws Exception {
    HttpApi.call(nodes.get(0).httpPort(), "POST", "/api/v1/attestations", new JsonObject().put("attesterId", attester)
      .put("subjectId", subject).put("type", "reliable").put("strength", strength), 200);
  }

  private static String identity(int node, String name) throws Exception {
    return HttpApi.call(nodes.get(node).httpPort(), "POST", "/api/v1/identities", new JsonObject().put("displayName", name), 200)
      .getString("id");
  }
}
