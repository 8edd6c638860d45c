package org.juicetokens.drill;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The nodes' HTTP/JSON API at their namespace addresses, as a client on the bridge calls it. */
final class DrillHttp {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(3)).build();

  private DrillHttp() {
  }

  record Answer(int status, JsonObject body) {
    boolean ok() {
      return status == 200;
    }
  }

  /** One call; a body that is not JSON becomes {@code {"raw": ...}}. */
  static Answer call(String hostPort, String method, String path, JsonObject body, Duration timeout)
    throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + hostPort + path)).timeout(timeout)
      .header("Content-Type", "application/json")
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()))
      .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    JsonObject json;
    try {
      json = new JsonObject(response.body());
    } catch (RuntimeException e) {
      json = new JsonObject().put("raw", response.body());
    }
    return new Answer(response.statusCode(), json);
  }

  /** A call that must answer 200: its JSON, else an AssertionError with the answer. */
  static JsonObject ok(String hostPort, String method, String path, JsonObject body) throws IOException, InterruptedException {
    Answer a = call(hostPort, method, path, body, Duration.ofSeconds(60));
    if (!a.ok()) {
      throw new AssertionError(method + " " + hostPort + path + " answered " + a.status + ": " + a.body.encode());
    }
    return a.body;
  }
}
