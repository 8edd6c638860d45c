package org.juicetokens.api.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.juicetokens.api.Await;
import org.juicetokens.api.EdgeTestNode;
import org.juicetokens.testing.Promtool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP edge over real HTTP: health, HTTP/JSON API, admin static files. */
class HttpApiTest {
  private static EdgeTestNode node;
  private static WebClient web;

  @BeforeAll
  static void start() throws Exception {
    node = EdgeTestNode.start(Map.of(), true);
    web = node.webClient();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static HttpResponse<Buffer> get(String uri) {
    return Await.result(web.get(uri).send());
  }

  private static HttpResponse<Buffer> send(io.vertx.core.http.HttpMethod method, String uri, String body) {
    var request = web.request(method, uri);
    return Await.result(body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
  }

  @Test
  void health_is_200_up_with_the_cluster_procedure_naming_the_members() {
    HttpResponse<Buffer> response = get("/health");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("UP");
    JsonObject cluster = body.getJsonArray("checks").stream().map(JsonObject.class::cast)
      .filter(c -> "cluster".equals(c.getString("id"))).findFirst().orElseThrow();
    assertThat(cluster.getJsonObject("data").getInteger("members")).isEqualTo(1);
    assertThat(cluster.getJsonObject("data").getJsonArray("memberNodeIds")).containsExactly("edge");
  }

  @Test
  void health_is_503_down_while_a_procedure_fails() {
    node.context.health().register("broken-test", p -> p.complete(Status.KO(new JsonObject().put("why", "on purpose"))));
    try {
      HttpResponse<Buffer> response = get("/health");
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("DOWN");
      JsonObject details = get("/api/v1/health/details").bodyAsJsonObject();
      assertThat(details.getBoolean("up")).isFalse();
    } finally {
      node.context.health().unregister("broken-test");
    }
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void time_answers_the_reading_as_proto3_json() {
    HttpResponse<Buffer> response = get("/api/v1/time");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).startsWith("application/json");
    JsonObject reading = response.bodyAsJsonObject();
    assertThat(reading.getString("status")).isEqualTo("CONSENSUS");
    assertThat(reading.getInteger("confidence")).isEqualTo(85);
    assertThat(reading.getString("timestampMs")).matches("\\d+"); // int64 as a string
    assertThat(reading.getJsonArray("sources")).hasSize(3);
  }

  @Test
  void dht_value_round_trips_through_put_get_and_delete() {
    String value = Base64.getEncoder().encodeToString("hello juice".getBytes());
    HttpResponse<Buffer> put = send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/dht/round-trip",
      new JsonObject().put("value", value).put("ttlSeconds", "60").encode());
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(put.bodyAsJsonObject().getString("key")).isEqualTo("round-trip");
    assertThat(put.bodyAsJsonObject().getInteger("nodesContacted")).isEqualTo(2);
    assertThat(node.doubles.kv().get("round-trip").getTtlSeconds()).isEqualTo(60);
    assertThat(node.doubles.kv().get("round-trip").getMap()).isEqualTo("jt.kv");

    JsonObject got = get("/api/v1/dht/round-trip").bodyAsJsonObject();
    assertThat(got.getBoolean("found")).isTrue();
    assertThat(got.getString("value")).isEqualTo(value);

    JsonObject deleted = send(io.vertx.core.http.HttpMethod.DELETE, "/api/v1/dht/round-trip", null).bodyAsJsonObject();
    assertThat(deleted.getBoolean("existed")).isTrue();
    assertThat(get("/api/v1/dht/round-trip").bodyAsJsonObject().getBoolean("found")).isFalse();
  }

  @Test
  void the_path_key_wins_over_a_key_in_the_body() {
    send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/dht/from-path", "{\"key\":\"from-body\",\"value\":\"aGk=\"}");
    assertThat(node.doubles.kv()).containsKey("from-path").doesNotContainKey("from-body");
  }

  @Test
  void negative_ttl_is_400_invalid_argument_and_nothing_is_written() {
    HttpResponse<Buffer> response = send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/dht/neg", "{\"value\":\"aGk=\",\"ttlSeconds\":\"-5\"}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("INVALID_ARGUMENT");
    assertThat(response.bodyAsJsonObject().getString("message")).contains("ttlSeconds");
    assertThat(node.doubles.kv()).doesNotContainKey("neg");
  }

  @Test
  void malformed_json_is_400_invalid_argument() {
    for (String body : new String[] {"{\"value\":", "[1,2]", "{\"value\":\"not base64!\"}", "{\"unknownField\":1}", "{\"ttlSeconds\":\"x\"}"}) {
      HttpResponse<Buffer> response = send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/dht/bad", body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("code")).as(body).isEqualTo("INVALID_ARGUMENT");
    }
    assertThat(node.doubles.kv()).doesNotContainKey("bad");
  }

  @Test
  void a_body_over_the_limit_is_400_invalid_argument() {
    String big = "{\"value\":\"" + "A".repeat(2_100_000) + "\"}";
    HttpResponse<Buffer> response = send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/dht/big", big);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void unknown_api_route_is_404_not_found_json() {
    for (String uri : new String[] {"/api/v1/nope", "/api/v1", "/api/v1/dht"}) {
      HttpResponse<Buffer> response = get(uri);
      assertThat(response.statusCode()).as(uri).isEqualTo(404);
      assertThat(response.bodyAsJsonObject().getString("code")).as(uri).isEqualTo("NOT_FOUND");
    }
    HttpResponse<Buffer> wrongMethod = send(io.vertx.core.http.HttpMethod.POST, "/api/v1/time", "{}");
    assertThat(wrongMethod.statusCode()).isEqualTo(404);
  }

  @Test
  void layer_failures_keep_their_error_code_over_http() {
    assertError(get("/api/v1/dht/unavailable"), 503, "UNAVAILABLE");
    assertError(get("/api/v1/dht/denied"), 403, "PERMISSION_DENIED");
    assertError(get("/api/v1/dht/inadequate"), 412, "TIME_INADEQUATE");
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(code);
    assertThat(response.bodyAsJsonObject().getString("message")).isNotBlank().doesNotStartWith(code);
  }

  @Test
  void storage_and_dht_statistics_and_health_details_answer_json() {
    JsonObject storage = get("/api/v1/storage/stats").bodyAsJsonObject();
    assertThat(storage.getBoolean("open")).isTrue();
    assertThat(storage.getJsonArray("families")).hasSize(1);
    JsonObject dht = get("/api/v1/dht:stats").bodyAsJsonObject();
    assertThat(dht.getJsonArray("members")).hasSize(2);
    assertThat(dht.getDouble("getLatencyP99Ms")).isEqualTo(1.9);
    JsonObject details = get("/api/v1/health/details").bodyAsJsonObject();
    assertThat(details.getString("nodeId")).isEqualTo("edge");
    assertThat(details.getJsonArray("components").stream().map(c -> ((JsonObject) c).getString("id")))
      .contains("cluster", "storage", "dht", "time");
  }

  @Test
  void metrics_expose_juice_operations_vertx_and_jvm_meters_and_pass_promtool() throws Exception {
    get("/api/v1/time"); // at least one instrumented operation
    HttpResponse<Buffer> response = get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).startsWith("text/plain");
    String text = response.bodyAsString();
    assertThat(text).contains("juice_operation_seconds_count{", "layer=\"time\"", "juice_admin_sse_connections",
      "vertx_http_server_requests_total", "jvm_memory_used_bytes", "process_cpu_seconds_total");
    Promtool.assertMetricsPass(text);
  }

  @Test
  void admin_console_is_served_and_admin_redirects_to_it() {
    HttpResponse<Buffer> index = get("/admin/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.bodyAsString()).contains("app.js", "style.css").doesNotContain("http://", "https://", "//cdn");
    assertThat(get("/admin/app.js").bodyAsString()).contains("new EventSource('/admin/events')");
    assertThat(get("/admin/style.css").statusCode()).isEqualTo(200);
    HttpResponse<Buffer> redirect = Await.result(web.get("/admin").followRedirects(false).send());
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.getHeader("location")).isEqualTo("/admin/");
  }
}
