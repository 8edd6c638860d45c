package org.juicetokens.testing;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP/JSON API of a node process on loopback, as a user's client calls it (tests of node processes). */
public final class HttpApi {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  private HttpApi() {
  }

  /** Calls and asserts the status; the answer's JSON. */
  public static JsonObject call(int port, String method, String path, JsonObject body, int expectedStatus) throws Exception {
    HttpResponse<String> response = HTTP.send(request(port, method, path, body), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + " answered " + response.body()).isEqualTo(expectedStatus);
    return new JsonObject(response.body());
  }

  /** Calls without waiting (a call whose node may die before it answers). */
  public static CompletableFuture<HttpResponse<String>> callAsync(int port, String method, String path, JsonObject body) {
    return HTTP.sendAsync(request(port, method, path, body), HttpResponse.BodyHandlers.ofString());
  }

  /** The identity's balance in hundredths, asked of the node on {@code port}. */
  public static long balance(int port, String identity) throws Exception {
    return Long.parseLong(call(port, "GET", "/api/v1/identities/" + identity + "/balance", null, 200).getString("amountHundredths", "0"));
  }

  private static HttpRequest request(int port, String method, String path, JsonObject body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
      .header("Content-Type", "application/json")
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()))
      .build();
  }
}
