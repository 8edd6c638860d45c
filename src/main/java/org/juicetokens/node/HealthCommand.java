package org.juicetokens.node;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code bin/juice health}: asks a node for its health; exit 0 when UP, 1 when DOWN, 3 when unreachable. */
@Command(name = "health", mixinStandardHelpOptions = true, description = "Show a node's health (exit 0 UP, 1 DOWN, 3 unreachable).")
final class HealthCommand implements Callable<Integer> {
  @Option(names = "--node", defaultValue = "localhost:8080", description = "host:port of the node (default ${DEFAULT-VALUE})")
  String node;

  @Override
  public Integer call() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    try {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://" + node + "/health"))
        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
      System.out.println(new io.vertx.core.json.JsonObject(response.body()).encodePrettily());
      return response.statusCode() == 200 ? 0 : 1;
    } catch (Exception e) {
      System.err.println("node " + node + " unreachable: " + e.getMessage());
      return 3;
    } 
  }
}
