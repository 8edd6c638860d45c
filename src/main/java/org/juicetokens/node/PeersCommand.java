package org.juicetokens.node;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.InvalidStatusException;
import org.juicetokens.api.grpc.DiscoveryGrpcService;
import org.juicetokens.api.v1.DiscoveryServiceGrpcClient;
import org.juicetokens.transport.discovery.proto.DiscoverRequest;
import org.juicetokens.transport.discovery.proto.DiscoverResult;
import org.juicetokens.transport.discovery.proto.DiscoveryMethod;
import org.juicetokens.transport.discovery.proto.ListPeersRequest;
import org.juicetokens.transport.discovery.proto.Peer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/juice peers}: a node's peer table ({@code DiscoveryService/ListPeers}) or, with
 * {@code --method}, a discovery run now by that method ({@code DiscoveryService/DiscoverPeers}).
 * Exit 0 with the answer, 1 when a discovery was partial or the node refused the call, 2 on a bad
 * argument, 3 when the node cannot be reached.
 */
@Command(name = "peers", mixinStandardHelpOptions = true,
  description = "List a node's peers over gRPC, or discover now with --method CLUSTER|DNS|STATIC.")
final class PeersCommand implements Callable<Integer> {
  static final int EXIT_OK = 0;
  static final int EXIT_PARTIAL = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_UNREACHABLE = 3;

  @Option(names = "--node", defaultValue = "localhost:8080", description = "host:port of the node (default ${DEFAULT-VALUE})")
  String node;
  @Option(names = "--method", description = "discover now by CLUSTER, DNS, STATIC or ALL (default: show the peer table)")
  String method;
  @Option(names = "--timeout", defaultValue = "5", description = "seconds to wait for the answer (default ${DEFAULT-VALUE})")
  int timeoutSeconds;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    SocketAddress address;
    DiscoveryMethod discoveryMethod = null;
    try {
      address = HealthCommand.parse(node);
      if (method != null) {
        String m = method.trim().toUpperCase(Locale.ROOT);
        discoveryMethod = m.equals("ALL") ? DiscoveryMethod.DISCOVERY_METHOD_UNSPECIFIED : DiscoveryMethod.valueOf(m);
      }
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage().startsWith("No enum") ? "--method must be CLUSTER, DNS, STATIC or ALL, got '" + method + "'" : e.getMessage());
      return EXIT_USAGE;
    }
    Vertx vertx = Vertx.vertx();
    try {
      GrpcClient client = GrpcClient.client(vertx, new HttpClientOptions().setConnectTimeout(timeoutSeconds * 1000));
      DiscoveryServiceGrpcClient discovery = DiscoveryServiceGrpcClient.create(client, address);
      if (discoveryMethod == null) {
        List<Peer> peers = discovery.listPeers(ListPeersRequest.getDefaultInstance()).await(timeoutSeconds, TimeUnit.SECONDS).getPeersList();
        print(peers, "peer table of " + node);
        return EXIT_OK;
      }
      long discoveryTimeoutMs = Math.min(DiscoveryGrpcService.MAX_TIMEOUT_MS, Math.max(1, timeoutSeconds * 1000L - 500));
      DiscoverResult result = discovery.discoverPeers(DiscoverRequest.newBuilder().setMethod(discoveryMethod)
        .setTimeoutMs(discoveryTimeoutMs).build()).await(timeoutSeconds, TimeUnit.SECONDS);
      print(result.getPeersList(), String.format("discovered by %s in %.0f ms%s", method.toUpperCase(Locale.ROOT), result.getDurationMs(),
        result.getSuccess() ? "" : " (partial)"));
      result.getErrorsList().forEach(e -> out.println("  ! " + e));
      return result.getSuccess() ? EXIT_OK : EXIT_PARTIAL;
    } catch (InvalidStatusException e) {
      err.println("node " + node + " refused the call: " + e.actualStatus());
      return EXIT_PARTIAL;
    } catch (Exception e) {
      err.println("node " + node + " unreachable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      return EXIT_UNREACHABLE;
    } finally {
      try {
        vertx.close().await(timeoutSeconds, TimeUnit.SECONDS);
      } catch (Exception e) {
        err.println("(closing the client took too long: " + e.getMessage() + ")");
      }
    }
  }

  private void print(List<Peer> peers, String title) {
    out.printf("%s: %d peer(s)%n", title, peers.size());
    long now = System.currentTimeMillis();
    for (Peer p : peers) {
      out.printf("  %-24s %-8s %-36s seen %5.1fs ago  reliability %.2f  %s%n", p.getId(), p.getMethod(), p.getPipeEndpoint(),
        Math.max(0, now - p.getLastSeenMs()) / 1000.0, p.getReliability(), p.getVersion().isEmpty() ? "" : "v" + p.getVersion());
    }
  }
}
