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

/** The TrustService over HTTP/JSON and bin/juice attest (gRPC), on one node. */
class AttestationApiTest {
  @TempDir
  static Path tmp;
  static List<JuiceNode> nodes;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    nodes = InJvmClusters.startCluster(tmp, List.of("a"), Map.of());
    port = nodes.get(0).httpPort();
  }

  @AfterAll
  static void stop() throws Exception {
    InJvmClusters.closeAll(nodes);
  }

  @Test
  void attestations_are_created_listed_revoked_and_scored_over_http() throws Exception {
    String alice = identity("alice");
    String bob = identity("bob");
    JsonObject created = HttpApi.call(port, "POST", "/api/v1/attestations", new JsonObject().put("attesterId", alice).put("subjectId", bob)
      .put("type", "reliable").put("strength", 80).put("content", "paid on time"), 200);
    assertThat(created.getBoolean("valid")).isTrue();
    String id = created.getJsonObject("attestation").getString("id");
    JsonObject list = HttpApi.call(port, "GET", "/api/v1/identities/" + bob + "/attestations", null, 200);
    assertThat(list.getJsonArray("attestations").getJsonObject(0).getJsonObject("attestation").getString("id")).isEqualTo(id);
    JsonObject reputation = HttpApi.call(port, "GET", "/api/v1/identities/" + bob + "/reputation", null, 200);
    assertThat(reputation.getDouble("score")).isGreaterThan(0.5);
    assertThat(reputation.getString("level")).isEqualTo("MEDIUM");
    JsonObject revoked = HttpApi.call(port, "POST", "/api/v1/attestations/" + id + ":revoke", new JsonObject().put("reason", "oops"), 200);
    assertThat(revoked.getString("reason")).isEqualTo("revoked");
    JsonObject self = HttpApi.call(port, "POST", "/api/v1/attestations", new JsonObject().put("attesterId", alice).put("subjectId", alice)
      .put("type", "reliable").put("strength", 80), 400);
    assertThat(self.getString("message")).contains("self-attestation");
    String metrics = nodes.get(0).context().registry().scrape();
    assertThat(metrics).contains("juice_attestations_creations_total{").contains("outcome=\"ok\"").contains("type=\"reliable\"")
      .contains("outcome=\"refused\"").contains("juice_attestation_verifications_total{").contains("reason=\"revoked\"");
  }

  @Test
  void bin_juice_attest_creates_lists_and_scores() throws Exception {
    String carol = identity("carol");
    String dave = identity("dave");
    String at = "127.0.0.1:" + port;
    assertThat(Cli.expect(0, "attest", "create", "--node", at, "--attester", carol, "--subject", dave, "--type", "skill", "--strength", "90"))
      .contains("created").contains("valid");
    assertThat(Cli.expect(0, "attest", "list", "--node", at, dave)).contains("1 attestation(s)").contains(carol)
      .contains("0 system attestation(s)");
    assertThat(Cli.expect(0, "attest", "reputation", "--node", at, dave)).contains("level").contains("reliability 0.500");
  }

  private static String identity(String name) throws Exception {
    return HttpApi.call(port, "POST", "/api/v1/identities", new JsonObject().put("displayName", name), 200).getString("id");
  }
}
