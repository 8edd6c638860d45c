package org.juicetokens.api.grpc;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.api.v1.DiscoveryServiceService;
import org.juicetokens.common.Addresses;
import org.juicetokens.transport.discovery.proto.DiscoverRequest;
import org.juicetokens.transport.discovery.proto.DiscoverResult;
import org.juicetokens.transport.discovery.proto.DiscoveryMethod;
import org.juicetokens.transport.discovery.proto.ListPeersRequest;
import org.juicetokens.transport.discovery.proto.PeerList;

/**
 * {@code juicetokens.api.v1.DiscoveryService}: the peer table and on-demand discovery, each one
 * request to the node's discovery layer. A discovery may take its whole timeout, so its bus
 * request waits that long plus the node's request timeout.
 */
public final class DiscoveryGrpcService extends DiscoveryServiceService {
  /** Longest discovery a caller may ask for. */
  public static final long MAX_TIMEOUT_MS = 60_000;

  private final EventBus bus;
  private final long timeoutMs;

  public DiscoveryGrpcService(EventBus bus, long timeoutMs) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public Future<PeerList> listPeers(ListPeersRequest request) {
    return LayerCalls.ask(bus, Addresses.DISCOVERY_PEERS, request, timeoutMs, PeerList.class);
  }

  @Override
  public Future<DiscoverResult> discoverPeers(DiscoverRequest request) {
    if (request.getTimeoutMs() < 0 || request.getTimeoutMs() > MAX_TIMEOUT_MS) {
      return invalid("timeoutMs must be 0 (the node's default) to " + MAX_TIMEOUT_MS + ", got " + request.getTimeoutMs());
    }
    if (request.getMaxResults() < 0) {
      return invalid("maxResults must be >= 0 (0 = no limit), got " + request.getMaxResults());
    }
    if (request.getMethod() == DiscoveryMethod.UNRECOGNIZED) {
      return invalid("method must be CLUSTER, DNS or STATIC (or empty for all)");
    }
    long waitMs = (request.getTimeoutMs() == 0 ? MAX_TIMEOUT_MS : request.getTimeoutMs()) + timeoutMs;
    return LayerCalls.ask(bus, Addresses.DISCOVERY_DISCOVER, request, waitMs, DiscoverResult.class);
  }

  private static <R> Future<R> invalid(String message) {
    return LayerCalls.invalid(message);
  }
}
