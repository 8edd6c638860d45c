package org.juicetokens.node.demo;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The nodes' public HTTP/JSON API as the demo calls it: JSON in and out, the API token on every call. */
final class DemoHttp {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(3)).build();
  private final String token;

  DemoHttp(String token) {
    this.token = token;
  }

  /** An answer: the status and the JSON body ({@code {"raw": ...}} when it is not JSON). */
  record Answer(int status, JsonObject body) {
    boolean ok() {
      return status == 200;
    }

    /** The node's error as one line: {@code CODE: message}. */
    String error() {
      return body.getString("code", "HTTP " + status) + ": " + body.getString("message", body.getString("raw", body.encode()));
    }
  }

  Answer call(int port, String method, String path, JsonObject body, Duration timeout) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout)
      .header("Content-Type", "application/json")
      .header("Authorization", "Bearer " + token)
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()))
      .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    JsonObject json;
    try {
      json = new JsonObject(response.body());
    } catch (DecodeException | ClassCastException e) {
      json = new JsonObject().put("raw", response.body());
    }
    return new Answer(response.statusCode(), json);
  }

  Answer get(int port, String path) throws IOException, InterruptedException {
    return call(port, "GET", path, null, Duration.ofSeconds(30));
  }

  Answer post(int port, String path, JsonObject body) throws IOException, InterruptedException {
    return call(port, "POST", path, body, Duration.ofSeconds(75));
  }

  /** A call that must answer 200: its JSON, else an IOException with the node's error. */
  JsonObject ok(int port, String method, String path, JsonObject body) throws IOException, InterruptedException {
    Answer a = call(port, method, path, body, Duration.ofSeconds(75));
    if (!a.ok()) {
      throw new IOException(method + " " + path + " on port " + port + " answered " + a.error());
    }
    return a.body();
  }
}
