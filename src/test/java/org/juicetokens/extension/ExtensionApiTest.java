package org.juicetokens.extension;

import com.google.protobuf.util.JsonFormat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.crypto.Hex;
import org.juicetokens.extension.proto.Capability;
import org.juicetokens.extension.proto.Impact;
import org.juicetokens.extension.proto.SignedManifest;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.Cli;
import org.juicetokens.testing.InJvmClusters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.extension.Manifests.manifest;
import static org.juicetokens.extension.Manifests.signed;

/**
 * The registry at the edge of one node with its real runtime (ExtensionHost): HTTP/JSON under
 * /api/v1/extensions (mutations need the API token) and bin/juice ext, refusals with their codes and
 * nothing stored, the "extensions" health procedure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtensionApiTest {
  private static final String TOKEN = "ext-test-token";
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(2)).build();
  private JuiceNode node;
  private int port;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    node = InJvmClusters.startCluster(tmp, List.of("extapi"), Map.of("api.token", TOKEN)).get(0);
    port = node.httpPort();
  }

  @AfterAll
  void stop() throws Exception {
    if (node != null) {
      InJvmClusters.closeAll(List.of(node));
    }
  }

  @Test
  void register_list_activate_pause_disable_over_http() throws Exception {
    JsonObject body = json(signed(manifest("http-watcher")
      .addCapabilities(Capability.newBuilder().setName("counts transfers").setImpact(Impact.MEDIUM).setRequires("transactions:read"))));
    assertThat(call("POST", "/api/v1/extensions", body, false, 401).getString("code")).isEqualTo("UNAUTHENTICATED");

    JsonObject registered = call("POST", "/api/v1/extensions", body, true, 200);
    assertThat(registered.getString("state")).isEqualTo("REGISTERED");
    assertThat(registered.getString("publisherPublicKey")).isEqualTo(Hex.of(Manifests.PUBLISHER.publicKey()));

    JsonObject listed = one(call("GET", "/api/v1/extensions", null, false, 200), "http-watcher");
    assertThat(listed.getString("state")).isEqualTo("REGISTERED");
    assertThat(listed.getJsonArray("hooks")).containsExactly("transaction.state");
    assertThat(listed.getJsonArray("permissions")).containsExactly("transactions:read");
    assertThat(listed.getJsonArray("capabilities").getJsonObject(1).getMap())
      .containsEntry("name", "counts transfers").containsEntry("impact", "MEDIUM").containsEntry("requires", "transactions:read");
    assertThat(listed.getJsonObject("usage")).isNotNull();

    assertThat(call("POST", "/api/v1/extensions:bogus", null, true, 404).getString("code")).isEqualTo("NOT_FOUND");
    assertThat(call("POST", "/api/v1/extensions/http-watcher:activate", null, true, 200).getString("state")).isEqualTo("ACTIVE");
    JsonObject active = call("GET", "/api/v1/extensions/http-watcher", null, false, 200);
    assertThat(active.getBoolean("running")).isTrue();
    assertThat(active.getJsonObject("usage").getMap()).containsKey("invocations");
    assertThat(call("POST", "/api/v1/extensions/http-watcher:pause", null, true, 200).getString("state")).isEqualTo("PAUSED");
    JsonObject again = call("POST", "/api/v1/extensions/http-watcher:pause", null, true, 412);
    assertThat(again.getString("code")).isEqualTo("FAILED_PRECONDITION");
    assertThat(again.getString("message")).contains("is PAUSED: it cannot become PAUSED");
    assertThat(call("POST", "/api/v1/extensions/http-watcher:activate", null, true, 200).getBoolean("running")).isTrue();
    JsonObject disabled = call("POST", "/api/v1/extensions/http-watcher:disable", null, true, 200);
    assertThat(disabled.getString("state")).isEqualTo("DISABLED");
    assertThat(disabled.getBoolean("running")).isFalse();
    assertThat(call("GET", "/api/v1/extensions/nobody-here", null, false, 404).getString("message")).contains("unknown extension nobody-here");
  }

  @Test
  void refusals_over_http_have_their_codes_and_store_nothing() throws Exception {
    call("POST", "/api/v1/extensions", json(signed("dup-watcher")), true, 200);
    int before = call("GET", "/api/v1/extensions", null, false, 200).getJsonArray("extensions").size();

    assertThat(call("POST", "/api/v1/extensions", json(signed(manifest("dup-watcher").setVersion("2"))), true, 409).getString("code"))
      .isEqualTo("ALREADY_EXISTS");
    JsonObject hook = call("POST", "/api/v1/extensions", json(signed(manifest("hooky").addHooks("token.burnt"))), true, 400);
    assertThat(hook.getString("message")).contains("unknown hook 'token.burnt'");
    JsonObject uncovered = call("POST", "/api/v1/extensions", json(signed(manifest("uncovered").addCapabilities(
      Capability.newBuilder().setName("webhooks").setImpact(Impact.HIGH).setRequires("notify")))), true, 400);
    assertThat(uncovered.getString("message")).contains("not covered by a permission");
    SignedManifest good = signed("forged");
    JsonObject forged = call("POST", "/api/v1/extensions", json(good.toBuilder().setManifest(good.getManifest().toBuilder()
      .addPermissions("notify")).build()), true, 400);
    assertThat(forged.getString("message")).contains("bad signature");
    assertThat(call("POST", "/api/v1/extensions", new JsonObject().put("manifest", "nope"), true, 400).getString("code"))
      .isEqualTo("INVALID_ARGUMENT");

    JsonArray after = call("GET", "/api/v1/extensions", null, false, 200).getJsonArray("extensions");
    assertThat(after).hasSize(before);
    assertThat(after.stream().map(e -> ((JsonObject) e).getString("id"))).doesNotContain("hooky", "uncovered", "forged");
  }

  @Test
  void an_activation_failure_is_error_with_the_reason_and_the_node_health_degraded() throws Exception {
    call("POST", "/api/v1/extensions", json(signed(manifest("missing-class").setEntryClass("org.example.NoSuchExtension"))), true, 200);
    JsonObject failed = call("POST", "/api/v1/extensions/missing-class:activate", null, true, 200);
    assertThat(failed.getString("state")).isEqualTo("ERROR");
    assertThat(failed.getString("reason")).startsWith("activation failed: ").contains("org.example.NoSuchExtension");
    assertThat(one(call("GET", "/api/v1/extensions", null, false, 200), "missing-class").getString("state")).isEqualTo("ERROR");

    JsonObject health = node.context().health().checkStatus(ExtensionHealth.ID).await(10, TimeUnit.SECONDS).getData();
    assertThat(health.getString("status")).isEqualTo("DEGRADED");
    assertThat(health.getJsonObject("byState").getInteger("ERROR")).isGreaterThanOrEqualTo(1);

    assertThat(call("POST", "/api/v1/extensions/missing-class:disable", null, true, 200).getString("state")).isEqualTo("DISABLED");
  }

  @Test
  void bin_juice_ext_keygen_sign_register_list_show_activate_pause_disable(@TempDir Path dir) throws Exception {
    String at = "127.0.0.1:" + port;
    Path key = dir.resolve("publisher.key");
    String keygen = Cli.expect(0, "ext", "keygen", "--out", key.toString());
    String seed = Files.readString(key).trim().split(" ")[1];
    assertThat(keygen).contains("public key ").doesNotContain(seed);
    Cli.expect(2, "ext", "keygen", "--out", key.toString());

    Path raw = dir.resolve("manifest.json");
    Files.writeString(raw, JsonFormat.printer().print(manifest("cli-watcher").build()));
    Cli.Run sign = Cli.run("ext", "sign", "--key", key.toString(), raw.toString());
    assertThat(sign.exit()).as(sign.err()).isZero();
    assertThat(sign.out()).doesNotContain(seed);
    Path signedFile = dir.resolve("signed.json");
    Files.writeString(signedFile, sign.out(), StandardCharsets.UTF_8);
    SignedManifest.Builder parsed = SignedManifest.newBuilder();
    JsonFormat.parser().merge(sign.out(), parsed);
    assertThat(ManifestSigning.verify(parsed.build())).isTrue();

    assertThat(Cli.expect(2, "ext", "register", "--node", at, "--token", TOKEN, "--manifest", raw.toString())).contains("is not signed");
    assertThat(Cli.expect(0, "ext", "register", "--node", at, "--token", TOKEN, "--manifest", signedFile.toString()))
      .contains("registered cli-watcher 1.0.0 REGISTERED");
    assertThat(Cli.expect(1, "ext", "register", "--node", at, "--token", TOKEN, "--manifest", signedFile.toString()))
      .contains("ALREADY_EXISTS");
    Files.writeString(raw, JsonFormat.printer().print(manifest("cli-signed-on-register").build()));
    assertThat(Cli.expect(0, "ext", "register", "--node", at, "--token", TOKEN, "--manifest", raw.toString(), "--sign-with", key.toString()))
      .contains("registered cli-signed-on-register");

    assertThat(Cli.expect(0, "ext", "list", "--node", at)).contains("cli-watcher 1.0.0 REGISTERED", "cli-signed-on-register 1.0.0 REGISTERED");
    assertThat(Cli.expect(0, "ext", "activate", "--node", at, "--token", TOKEN, "cli-watcher")).contains("cli-watcher 1.0.0 ACTIVE");
    assertThat(Cli.expect(0, "ext", "show", "--node", at, "cli-watcher"))
      .contains("ACTIVE", "read transfers [LOW, transactions:read]", "running      true", "invocations=");
    assertThat(Cli.expect(0, "ext", "pause", "--node", at, "--token", TOKEN, "cli-watcher")).contains("PAUSED");
    assertThat(Cli.expect(1, "ext", "pause", "--node", at, "--token", TOKEN, "cli-watcher")).contains("FAILED_PRECONDITION");
    assertThat(Cli.expect(0, "ext", "disable", "--node", at, "--token", TOKEN, "cli-watcher")).contains("DISABLED (disabled by the operator)");
    assertThat(Cli.expect(1, "ext", "show", "--node", at, "nobody-here")).contains("unknown extension nobody-here");
    String json = Cli.expect(0, "ext", "show", "--node", at, "--json", "cli-watcher");
    assertThat(new JsonObject(json).getString("state")).isEqualTo("DISABLED");
  }

  @Test
  void the_shipped_example_manifests_sign_register_and_activate_as_the_readme_says(@TempDir Path dir) throws Exception {
    String at = "127.0.0.1:" + port;
    Path key = dir.resolve("publisher.key");
    Cli.expect(0, "ext", "keygen", "--out", key.toString());
    for (String id : List.of("token-watcher", "webhook-notifier")) {
      Path manifest = Path.of("conf", "extensions", id + ".json");
      assertThat(Cli.expect(0, "ext", "register", "--node", at, "--token", TOKEN, "--manifest", manifest.toString(), "--sign-with", key.toString()))
        .contains("registered " + id);
      assertThat(Cli.expect(0, "ext", "activate", "--node", at, "--token", TOKEN, id)).contains(id).contains("ACTIVE");
      assertThat(Cli.expect(0, "ext", "disable", "--node", at, "--token", TOKEN, id)).contains("DISABLED");
    }
  }

  private static JsonObject json(SignedManifest signed) throws Exception {
    return new JsonObject(JsonFormat.printer().print(signed));
  }

  private static JsonObject one(JsonObject list, String id) {
    return list.getJsonArray("extensions").stream().map(JsonObject.class::cast).filter(e -> id.equals(e.getString("id"))).findFirst()
      .orElseThrow(() -> new AssertionError(id + " not listed in " + list.encode()));
  }

  private JsonObject call(String method, String path, JsonObject body, boolean withToken, int expectedStatus) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
      .header("Content-Type", "application/json")
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (withToken) {
      request.header("Authorization", "Bearer " + TOKEN);
    }
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + " answered " + response.body()).isEqualTo(expectedStatus);
    return new JsonObject(response.body());
  }
}
