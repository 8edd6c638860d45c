package org.juicetokens.trust.identity;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.IdentityReply;
import org.juicetokens.api.v1.IdentityRequest;
import org.juicetokens.api.v1.IdentityServiceGrpcClient;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.testing.Cli;
import org.juicetokens.trust.identity.proto.IdentityStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * IdentityService from outside: an independent gRPC client (its own Vert.x, blocking on each
 * answer, as the CLI does) and HTTP/JSON, against a node with an API token.
 */
class IdentityApiTest {
  private static final String TOKEN = "identity-test-token";
  @TempDir
  static Path tmp;
  private static JuiceNode node;
  private static Vertx client;
  private static IdentityServiceGrpcClient grpc;
  private static WebClient web;

  @BeforeAll
  static void start() throws Exception {
    node = IdentityTestSupport.start(IdentityTestSupport.settings(tmp, "a", "test-" + UUID.randomUUID(), FreePorts.next(), "",
      Map.of("api.token", TOKEN)));
    client = Vertx.vertx();
    grpc = IdentityServiceGrpcClient.create(GrpcClient.client(client, new HttpClientOptions()), SocketAddress.inetSocketAddress(node.httpPort(), "127.0.0.1"));
    web = WebClient.create(client, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close().await(30, TimeUnit.SECONDS);
    }
    if (node != null) {
      node.close().await(60, TimeUnit.SECONDS);
    }
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.await(30, TimeUnit.SECONDS);
  }

  @Test
  void grpc_create_then_get_answers_the_verified_document_with_hex_keys() throws Exception {
    // mutating gRPC calls need the token: without it, UNAUTHENTICATED
    assertThatThrownBy(() -> await(grpc.createIdentity(CreateIdentityRequest.newBuilder().setDisplayName("Eve").build())))
      .isInstanceOfSatisfying(InvalidStatusException.class, e -> assertThat(e.actualStatus()).isEqualTo(GrpcStatus.UNAUTHENTICATED));

    IdentityReply created = await(GrpcClient.client(client).request(SocketAddress.inetSocketAddress(node.httpPort(), "127.0.0.1"),
        IdentityServiceGrpcClient.CreateIdentity)
      .compose(req -> {
        req.headers().set("authorization", "Bearer " + TOKEN);
        return req.send(CreateIdentityRequest.newBuilder().setDisplayName("Eve").build());
      })
      .compose(resp -> resp.last()));
    assertThat(created.getId()).matches("[0-9a-f]{40}");
    assertThat(created.getPublicKey()).matches("[0-9a-f]{64}");
    assertThat(created.getPublicKeysList()).containsExactly(created.getPublicKey());
    assertThat(created.getSequence()).isEqualTo(1);
    assertThat(created.getStatus()).isEqualTo(IdentityStatus.ACTIVE);
    assertThat(created.getVerified()).isTrue();
    assertThat(IdentityIds.derive(java.util.HexFormat.of().parseHex(created.getPublicKey()))).isEqualTo(created.getId());

    IdentityReply read = await(grpc.getIdentity(IdentityRequest.newBuilder().setId(created.getId()).build()));
    assertThat(read).isEqualTo(created);

    assertThatThrownBy(() -> await(grpc.getIdentity(IdentityRequest.newBuilder().setId("f".repeat(40)).build())))
      .isInstanceOfSatisfying(InvalidStatusException.class, e -> assertThat(e.actualStatus()).isEqualTo(GrpcStatus.NOT_FOUND));
    assertThatThrownBy(() -> await(grpc.getIdentity(IdentityRequest.newBuilder().setId("not-an-id").build())))
      .isInstanceOfSatisfying(InvalidStatusException.class, e -> assertThat(e.actualStatus()).isEqualTo(GrpcStatus.INVALID_ARGUMENT));
  }

  @Test
  void http_json_create_get_rotate_and_revoke_with_clear_errors() throws Exception {
    HttpResponse<Buffer> unauthorized = await(web.post("/api/v1/identities").sendJsonObject(new JsonObject().put("displayName", "Fay")));
    assertThat(unauthorized.statusCode()).isEqualTo(401);

    HttpResponse<Buffer> empty = await(web.post("/api/v1/identities").bearerTokenAuthentication(TOKEN)
      .sendJsonObject(new JsonObject().put("displayName", "  ")));
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.bodyAsJsonObject().getString("code")).isEqualTo("INVALID_ARGUMENT");
    assertThat(empty.bodyAsJsonObject().getString("message")).contains("displayName");
    HttpResponse<Buffer> tooLong = await(web.post("/api/v1/identities").bearerTokenAuthentication(TOKEN)
      .sendJsonObject(new JsonObject().put("displayName", "x".repeat(65))));
    assertThat(tooLong.statusCode()).isEqualTo(400);

    HttpResponse<Buffer> created = await(web.post("/api/v1/identities").bearerTokenAuthentication(TOKEN)
      .sendJsonObject(new JsonObject().put("displayName", "Fay")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(200);
    String id = created.bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> read = await(web.get("/api/v1/identities/" + id).send());
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.bodyAsJsonObject().getString("displayName")).isEqualTo("Fay");
    assertThat(read.bodyAsJsonObject().getString("sequence")).isEqualTo("1");

    HttpResponse<Buffer> rotated = await(web.post("/api/v1/identities/" + id + ":rotate").bearerTokenAuthentication(TOKEN)
      .sendJsonObject(new JsonObject().put("expectedSequence", "1")));
    assertThat(rotated.statusCode()).as(rotated.bodyAsString()).isEqualTo(200);
    assertThat(rotated.bodyAsJsonObject().getJsonArray("publicKeys")).hasSize(2);
    HttpResponse<Buffer> stale = await(web.post("/api/v1/identities/" + id + ":rotate").bearerTokenAuthentication(TOKEN)
      .sendJsonObject(new JsonObject().put("expectedSequence", "1")));
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(stale.bodyAsJsonObject().getString("message")).contains("stale sequence");

    HttpResponse<Buffer> revoked = await(web.post("/api/v1/identities/" + id + ":revoke").bearerTokenAuthentication(TOKEN)
      .sendJsonObject(new JsonObject().put("expectedSequence", "2").put("reason", "lost")));
    assertThat(revoked.statusCode()).as(revoked.bodyAsString()).isEqualTo(200);
    assertThat(revoked.bodyAsJsonObject().getString("status")).isEqualTo("REVOKED");
    assertThat(revoked.bodyAsJsonObject().getString("revocationReason")).isEqualTo("lost");

    assertThat(await(web.get("/api/v1/identities/" + "0".repeat(40)).send()).statusCode()).isEqualTo(404);
    assertThat(await(web.get("/api/v1/identities/NOPE").send()).statusCode()).isEqualTo(400);
  }

  @Test
  void cli_creates_shows_rotates_and_revokes() throws Exception {
    String at = "127.0.0.1:" + node.httpPort();
    Cli.Run created = Cli.run("identity", "create", "--name", "Gus", "--node", at, "--token", TOKEN, "--json");
    assertThat(created.exit()).as(created.err()).isZero();
    String id = new JsonObject(created.out()).getString("id");
    Cli.Run shown = Cli.run("identity", "show", id, "--node", at);
    assertThat(shown.exit()).isZero();
    assertThat(shown.out()).contains("identity " + id, "Gus", "sequence   1", "ACTIVE");
    Cli.Run rotated = Cli.run("identity", "rotate", id, "--node", at, "--token", TOKEN);
    assertThat(rotated.exit()).as(rotated.err()).isZero();
    assertThat(rotated.out()).contains("sequence   2", "active key 1");
    Cli.Run stale = Cli.run("identity", "rotate", id, "--sequence", "1", "--node", at, "--token", TOKEN);
    assertThat(stale.exit()).isEqualTo(1);
    assertThat(stale.err()).contains("stale sequence");
    Cli.Run revoked = Cli.run("identity", "revoke", id, "--reason", "moved away", "--node", at, "--token", TOKEN);
    assertThat(revoked.exit()).as(revoked.err()).isZero();
    assertThat(revoked.out()).contains("REVOKED (moved away)");

    Cli.Run empty = Cli.run("identity", "create", "--name", " ", "--node", at, "--token", TOKEN);
    assertThat(empty.exit()).isEqualTo(1);
    assertThat(empty.err().strip()).contains("INVALID_ARGUMENT", "displayName").doesNotContain("\n");
    assertThat(Cli.run("identity", "show", "0".repeat(40), "--node", at).err()).contains("NOT_FOUND");
    assertThat(Cli.run("identity", "show", id, "--node", "127.0.0.1:" + FreePorts.next(), "--timeout", "3").exit()).isEqualTo(3);
  }
  @Test
  void metrics_health_and_the_admin_section_report_identities() throws Exception {
    String id = IdentityTestSupport.create(node, "Hal").getDocument().getId();
    IdentityTestSupport.get(node, id);
    String metrics = await(web.get("/metrics").send()).bodyAsString();
    assertThat(metrics).contains("juice_identity_key_generation_seconds_count", "juice_identity_homed",
      "juice_identity_verifications_total{", "outcome=\"valid\"", "juice_operation_seconds_count{layer=\"identity\"");
    JsonObject health = await(web.get("/health").send()).bodyAsJsonObject();
    assertThat(health.encode()).contains("\"id\":\"identity\"", "masterKeyLoaded", "keystoreReadable");
    JsonObject section = await(new IdentityAdminSection().gather(node.vertx().eventBus(), 5_000, node.context().instrumented().stats()));
    assertThat(section.getLong("homed")).isGreaterThanOrEqualTo(1);
    assertThat(section.getJsonObject("creation").getLong("ok")).isGreaterThanOrEqualTo(1);
    assertThat(section.getJsonObject("keyGeneration").getDouble("maxMs")).isPositive();
    assertThat(section.getJsonObject("verifications").getLong("valid")).isGreaterThanOrEqualTo(1);
    assertThat(section.getJsonArray("latest").encode()).contains(id.substring(0, 12), "Hal").doesNotContain(id);
  }
  @Test
  void http_json_proof_of_control_round_trip() throws Exception {
    String id = IdentityTestSupport.create(node, "Ina").getDocument().getId();
    HttpResponse<Buffer> challenge = await(web.post("/api/v1/identities/" + id + ":challenge").bearerTokenAuthentication(TOKEN)
      .sendJsonObject(new JsonObject()));
    assertThat(challenge.statusCode()).as(challenge.bodyAsString()).isEqualTo(200);
    String bytes = challenge.bodyAsJsonObject().getString("challenge");
    HttpResponse<Buffer> proof = await(web.post("/api/v1/identities/" + id + ":prove").bearerTokenAuthentication(TOKEN)
      .sendJsonObject(new JsonObject().put("challenge", bytes)));
    assertThat(proof.statusCode()).as(proof.bodyAsString()).isEqualTo(200);
    JsonObject verify = new JsonObject().put("challenge", bytes).put("signature", proof.bodyAsJsonObject().getString("signature"));
    HttpResponse<Buffer> verdict = await(web.post("/api/v1/identities/" + id + ":verifyProof").bearerTokenAuthentication(TOKEN)
      .sendJsonObject(verify));
    assertThat(verdict.bodyAsJsonObject().getBoolean("valid")).as(verdict.bodyAsString()).isTrue();
    HttpResponse<Buffer> replay = await(web.post("/api/v1/identities/" + id + ":verifyProof").bearerTokenAuthentication(TOKEN)
      .sendJsonObject(verify));
    assertThat(replay.bodyAsJsonObject().getBoolean("valid")).isFalse();
    HttpResponse<Buffer> shortChallenge = await(web.post("/api/v1/identities/" + id + ":prove").bearerTokenAuthentication(TOKEN)
      .sendJsonObject(new JsonObject().put("challenge", "AAAA")));
    assertThat(shortChallenge.statusCode()).isEqualTo(400);
  }
}
