package org.juicetokens.lifecycle.egg;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.lifecycle.egg.proto.EggStage;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.Cli;
import org.juicetokens.testing.HttpApi;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.token.creation.TokenIds;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.attestation.proto.CreateAttestationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.lifecycle.egg.EggTestSupport.ask;
import static org.juicetokens.lifecycle.egg.EggTestSupport.egg;
import static org.juicetokens.lifecycle.egg.EggTestSupport.identity;

/** The EggService at the edge: HTTP/JSON routes and bin/juice egg pool-create|generate|fertilize|show against one node. */
class EggApiTest {

  @Test
  void pools_and_eggs_over_http_and_the_cli(@TempDir Path tmp) throws Exception {
    JuiceNode node = InJvmClusters.startCluster(tmp, List.of("eggapi"), Map.of("lifecycle.timeScale", "1e5")).get(0);
    try {
      int port = node.httpPort();
      String at = "localhost:" + port;
      String m1 = identity(node, "M1");
      String m2 = identity(node, "M2");
      String m3 = identity(node, "M3");
      String owner = identity(node, "Owner");

      JsonObject pool = HttpApi.call(port, "POST", "/api/v1/genesis-pools", new JsonObject().put("memberIds", new JsonArray(List.of(m1, m2, m3))), 200);
      assertThat(pool.getString("issuerId")).isEqualTo(m1);
      JsonObject small = HttpApi.call(port, "POST", "/api/v1/genesis-pools", new JsonObject().put("memberIds", new JsonArray(List.of(m1, m2))), 400);
      assertThat(small.encode()).contains("3 to 12 members");

      JsonObject batch = HttpApi.call(port, "POST", "/api/v1/eggs:generate", new JsonObject().put("poolId", pool.getString("poolId"))
        .put("reference", "http").put("denomination", 10).put("count", 2).put("ownerId", owner), 200);
      assertThat(batch.getString("batchId")).isNotBlank();
      JsonArray eggs = batch.getJsonArray("eggs");
      assertThat(eggs).hasSize(2);
      JsonObject first = eggs.getJsonObject(0);
      assertThat(first.getString("stage")).isEqualTo("DORMANT");
      assertThat(Long.parseLong(first.getString("dormantUntilMs"))).isGreaterThan(System.currentTimeMillis());
      String id = first.getString("id");
      HttpApi.call(port, "POST", "/api/v1/eggs:generate", new JsonObject().put("poolId", pool.getString("poolId"))
        .put("reference", "http").put("denomination", 3).put("count", 2).put("ownerId", owner), 400);

      String attestation = ask(node, Addresses.ATTESTATION_CREATE, CreateAttestationRequest.newBuilder().setAttesterId(m1).setSubjectId(owner)
        .setType("reliable").setStrength(60).build(), AttestationView.class).getAttestation().getId();
      assertThat(Cli.expect(1, "egg", "fertilize", "--node", at, id, "--attestation", "00".repeat(16))).contains("does not exist");
      assertThat(Cli.expect(0, "egg", "fertilize", "--node", at, id, "--attestation", attestation)).contains("fertilized " + id);
      JsonObject retried = HttpApi.call(port, "POST", "/api/v1/eggs/" + id + ":fertilize", new JsonObject().put("attestationId", attestation), 200);
      assertThat(retried.getString("proof")).isEqualTo("attestation:" + attestation);
      JsonObject again = HttpApi.call(port, "POST", "/api/v1/eggs/" + eggs.getJsonObject(1).getString("id") + ":fertilize",
        new JsonObject().put("attestationId", attestation), 409);
      assertThat(again.encode()).contains("already fertilized egg " + id);

      EggTestSupport.eventually("egg hatched", () -> "ACTIVE".equals(get(port, id).getString("stage")));
      JsonObject hatched = get(port, id);
      assertThat(hatched.getInteger("completionPercent")).isEqualTo(100);
      assertThat(hatched.getString("tokenId")).endsWith("-http-10-001");
      assertThat(Cli.expect(0, "egg", "show", "--node", at, id)).contains("ACTIVE 100%").contains(hatched.getString("tokenId"));
      HttpApi.call(port, "GET", "/api/v1/eggs/nope", null, 400);

      // a hatch that minted but crashed before writing ACTIVE runs again: the token exists, nothing more is minted
      JsonObject second = eggs.getJsonObject(1);
      String secondToken = egg(node, second.getString("id")).getTokenId();
      ask(node, Addresses.TOKEN_MINT, MintRequest.newBuilder().setIssuerId(m1).setOwnerId(owner).setReference("http").setDenomination(10)
        .setCount(1).setAtIndex(TokenIds.parse(secondToken).index()).build(), MintReply.class);
      assertThat(HttpApi.balance(port, owner)).isEqualTo(2000);
      String another = ask(node, Addresses.ATTESTATION_CREATE, CreateAttestationRequest.newBuilder().setAttesterId(m2).setSubjectId(owner)
        .setType("reliable").setStrength(60).build(), AttestationView.class).getAttestation().getId();
      Cli.expect(0, "egg", "fertilize", "--node", at, second.getString("id"), "--attestation", another);
      EggTestSupport.awaitStage(node, second.getString("id"), EggStage.ACTIVE);
      assertThat(HttpApi.balance(port, owner)).isEqualTo(2000);

      assertThat(Cli.expect(0, "egg", "pool-create", "--node", at, m2, m3, m1)).contains("issuer " + m2);
      String poolLine = Cli.expect(0, "egg", "pool-create", "--node", at, m3, m1, m2);
      String poolId = poolLine.substring(poolLine.indexOf("pool ") + 5).split(" ")[0];
      assertThat(Cli.expect(0, "egg", "generate", "--node", at, "--pool", poolId, "--reference", "cli", "--denomination", "5", "--count", "3",
        "--owner", owner)).contains("3 egg(s)").contains("DORMANT");
      assertThat(Cli.expect(1, "egg", "generate", "--node", at, "--pool", poolId, "--reference", "cli", "--denomination", "5", "--count", "0",
        "--owner", owner)).contains("count must be 1 to 100");
    } finally {
      InJvmClusters.closeAll(List.of(node));
    }
  }

  private static JsonObject get(int port, String id) {
    try {
      return HttpApi.call(port, "GET", "/api/v1/eggs/" + id, null, 200);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
