package org.juicetokens.node;

import io.vertx.core.Deployable;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.juicetokens.api.Await;
import org.juicetokens.extension.ExtensionVerticle;
import org.juicetokens.foundation.dht.DhtVerticle;
import org.juicetokens.foundation.storage.StorageVerticle;
import org.juicetokens.foundation.time.TimeVerticle;
import org.juicetokens.governance.health.HealthVerticle;
import org.juicetokens.lifecycle.egg.EggVerticle;
import org.juicetokens.lifecycle.renewal.RenewalVerticle;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.token.creation.TokenVerticle;
import org.juicetokens.token.transaction.TransactionVerticle;
import org.juicetokens.trust.attestation.AttestationVerticle;
import org.juicetokens.trust.chain.ChainVerticle;
import org.juicetokens.trust.identity.IdentityVerticle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waves JuiceNode deploys the layers in: every layer once, health first, a layer after every
 * layer its start asks; and a real node started that way runs every verticle and answers /health
 * with every layer's procedure.
 */
class DeploymentPlanTest {
  private static final List<List<DeploymentPlan.Step>> WAVES = DeploymentPlan.layers();

  private static int wave(Class<? extends Deployable> type) {
    for (int i = 0; i < WAVES.size(); i++) {
      if (WAVES.get(i).stream().anyMatch(s -> s.type() == type)) {
        return i;
      }
    }
    throw new AssertionError(type.getSimpleName() + " is not in the plan");
  }

  @Test
  void every_layer_is_deployed_once_and_health_comes_alone_first() {
    List<Class<? extends Deployable>> all = WAVES.stream().flatMap(List::stream).map(DeploymentPlan.Step::type).toList();
    assertThat(all).doesNotHaveDuplicates().hasSize(16);
    assertThat(WAVES.get(0)).extracting(DeploymentPlan.Step::type).containsExactly(HealthVerticle.class);
    assertThat(WAVES).allSatisfy(w -> assertThat(w).isNotEmpty());
  }

  @Test
  void a_layer_starts_after_the_layers_its_start_asks() {
    for (Class<? extends Deployable> user : List.of(IdentityVerticle.class, TokenVerticle.class, ChainVerticle.class,
      TransactionVerticle.class, AttestationVerticle.class, EggVerticle.class, RenewalVerticle.class, ExtensionVerticle.class)) {
      assertThat(wave(user)).as(user.getSimpleName()).isGreaterThan(wave(StorageVerticle.class)).isGreaterThan(wave(DhtVerticle.class));
    }
    // recovery of open exchanges reads the time, applies tokens and signs with homed identities
    assertThat(wave(TransactionVerticle.class)).isGreaterThan(wave(TimeVerticle.class)).isGreaterThan(wave(TokenVerticle.class))
      .isGreaterThan(wave(IdentityVerticle.class));
    // eggs may mint at once, attestations' outbox may sign: after tokens and identities
    assertThat(wave(EggVerticle.class)).isGreaterThan(wave(TokenVerticle.class)).isGreaterThan(wave(IdentityVerticle.class));
    assertThat(wave(AttestationVerticle.class)).isGreaterThan(wave(IdentityVerticle.class));
    // renewals pay owed rewards with transfers at start
    assertThat(wave(RenewalVerticle.class)).isGreaterThan(wave(TransactionVerticle.class));
    assertThat(wave(ExtensionVerticle.class)).isEqualTo(WAVES.size() - 1);
  }

  @Test
  void a_node_started_in_waves_runs_every_verticle_and_health_lists_every_layer(@TempDir Path tmp) throws Exception {
    int clusterPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      clusterPort = socket.getLocalPort();
    }
    JuiceNode node = JuiceNode.start(NodeConfig.of(Map.of("node.id", "waves", "http.port", "0", "http.host", "127.0.0.1",
      "node.dataDir", tmp.toString(), "cluster.name", "test-" + UUID.randomUUID(), "cluster.port", String.valueOf(clusterPort),
      "cluster.fastJoin", "true"))).await(120, TimeUnit.SECONDS);
    try {
      // the layers, then pipes, the HTTP edge and discovery
      assertThat(node.vertx().deploymentIDs()).hasSize(16 + 3);
      HttpResponse<Buffer> health = Await.result(WebClient.create(node.vertx()).get(node.httpPort(), "127.0.0.1", "/health").send());
      assertThat(health.statusCode()).isEqualTo(200);
      List<String> ids = health.bodyAsJsonObject().getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("id")).toList();
      assertThat(ids).contains("eventloop", "storage", "dht", "time", "framing", "telomere", "identity", "tokens", "transactions",
        "audit", "chain", "attestation", "community", "eggs", "renewal", "extensions", "pipe", "cluster", "discovery");
    } finally {
      node.close().await(30, TimeUnit.SECONDS);
    }
  }
}
