package org.juicetokens.token;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.testing.NodeProcess;
import org.juicetokens.testing.ProcessClusters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.testing.HttpApi.balance;
import static org.juicetokens.testing.HttpApi.call;

/**
 * Two node processes, driven only through the HTTP/JSON API as a user would: identities homed on
 * each, tokens minted by one for the other, then the owner's node is killed with SIGKILL and
 * restarted on its data directory. Its identities still sign (the master key file is reused and
 * the keystore decrypts), its tokens are all there and verify, and the issuance goes on where it was.
 */
class WalletCrashTest {
  @TempDir
  Path data;

  private final List<NodeProcess> processes = new ArrayList<>();

  @AfterEach
  void killAll() throws InterruptedException {
    for (NodeProcess p : processes) {
      p.close();
    }
  }

  @Test
  void a_killed_owner_node_comes_back_with_its_keys_and_tokens() throws Exception {
    String cluster = "test-" + UUID.randomUUID();
    int[] clusterPorts = {FreePorts.next(), FreePorts.next()};
    int[] httpPorts = {FreePorts.next(), FreePorts.next()};
    String members = "127.0.0.1:" + clusterPorts[0] + ",127.0.0.1:" + clusterPorts[1];
    for (int i = 0; i < 2; i++) {
      processes.add(NodeProcess.start("w" + i, env(cluster, members, i, clusterPorts[i], httpPorts[i])));
    }
    for (NodeProcess p : processes) {
      p.awaitLine("is up", 90, TimeUnit.SECONDS);
    }
    int a = httpPorts[0];
    int b = httpPorts[1];
    ProcessClusters.awaitClusterSize(a, 2);

    String alice = call(a, "POST", "/api/v1/identities", new JsonObject().put("displayName", "Alice"), 200).getString("id");
    String bob = call(b, "POST", "/api/v1/identities", new JsonObject().put("displayName", "Bob"), 200).getString("id");

    // asked on Bob's node; Alice's node signs (the issuer's), Bob's node stores (the owner's)
    JsonObject minted = call(b, "POST", "/api/v1/tokens:mint", mint(alice, bob, 5), 200);
    JsonArray tokens = minted.getJsonArray("tokens");
    assertThat(tokens).hasSize(5);
    assertThat(balance(a, bob)).isEqualTo(5_000);

    processes.get(1).kill();
    ProcessClusters.awaitClusterSize(a, 1);
    NodeProcess restarted = NodeProcess.start("w1-restarted", env(cluster, members, 1, clusterPorts[1], b));
    processes.add(restarted);
    restarted.awaitLine("is up", 90, TimeUnit.SECONDS);
    ProcessClusters.awaitClusterSize(a, 2);

    assertThat(balance(b, bob)).isEqualTo(5_000);
    assertThat(balance(a, bob)).isEqualTo(5_000);
    for (Object token : tokens) {
      String id = ((JsonObject) token).getString("id");
      JsonObject read = call(a, "GET", "/api/v1/tokens/" + id, null, 200);
      assertThat(read.getBoolean("verified", false)).as(id).isTrue();
    }
    // Bob's key was decrypted from the keystore of the restarted node: the rotation is signed by it
    JsonObject rotated = call(a, "POST", "/api/v1/identities/" + bob + ":rotate", new JsonObject().put("expectedSequence", "1"), 200);
    assertThat(rotated.getString("sequence")).isEqualTo("2");
    assertThat(rotated.getBoolean("verified", false)).isTrue();

    // the issuance continues its numbering; someone else may not mint under it
    JsonObject more = call(a, "POST", "/api/v1/tokens:mint", mint(alice, bob, 2), 200);
    assertThat(more.getJsonArray("tokens").stream().map(t -> ((JsonObject) t).getString("id")))
      .allMatch(id -> id.endsWith("-006") || id.endsWith("-007"));
    JsonObject refused = call(b, "POST", "/api/v1/tokens:mint", mint(bob, bob, 1), 403);
    assertThat(refused.getString("code")).isEqualTo("PERMISSION_DENIED");
    assertThat(balance(b, bob)).isEqualTo(7_000);
  }

  private static JsonObject mint(String issuer, String owner, int count) {
    return new JsonObject().put("issuerId", issuer).put("ownerId", owner).put("reference", "crash").put("denomination", 10)
      .put("count", count);
  }

  private Map<String, String> env(String cluster, String members, int i, int clusterPort, int httpPort) {
    return ProcessClusters.env("w" + i, data, cluster, members, clusterPort, httpPort);
  }
}
