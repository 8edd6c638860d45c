package org.juicetokens.transport.discovery;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.dht.Dht;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtGetRequest;
import org.juicetokens.foundation.dht.proto.DhtValue;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;
import org.juicetokens.transport.discovery.proto.DiscoverRequest;
import org.juicetokens.transport.discovery.proto.DiscoveryMethod;
import org.juicetokens.transport.discovery.proto.DiscoveryStatsRequest;
import org.juicetokens.transport.discovery.proto.ListPeersRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Discovery on one node: re-signs and publishes this node's advertisement and refreshes the
 * peer table every {@code discovery.refreshIntervalMs}; answers discovery, the peer table and
 * its stats node-locally; registers the advertisement verifier, the "discovery" health
 * procedure and the meters. Wiring only: the rules are in {@link DiscoveryRounds}, {@link PeerDiscovery}, {@link PeerTable},
 * the sources, {@link Advertisements} and {@link AdvertisementVerifier}. Deployed after the HTTP
 * server, whose bound port is part of this node's pipe endpoint.
 */
public final class DiscoveryVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryVerticle.class);
  private static final String HEALTH = "discovery";

  private final NodeContext node;
  private final int httpPort;
  private final NameResolver resolver;
  private AdvertisementPublisher publisher;
  private DiscoveryRounds rounds;
  private DiscoveryMeters meters;
  private WorkerExecutor resolvers;
  private long refreshTimer = -1;
  private boolean refreshing;

  public DiscoveryVerticle(NodeContext node, int httpPort) {
    this(node, httpPort, NameResolver.JVM);
  }

  /** With another resolver for the DNS method (tests resolve names to chosen loopback addresses). */
  public DiscoveryVerticle(NodeContext node, int httpPort, NameResolver resolver) {
    this.node = node;
    this.httpPort = httpPort;
    this.resolver = resolver;
  }

  @Override
  public Future<?> start() {
    NodeConfig config = node.config();
    BootstrapPeers bootstrap;
    try {
      bootstrap = BootstrapPeers.parse(config.list(Settings.TRANSPORT_PEERS), httpPort);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    String ownEndpoint = BootstrapPeers.pipeEndpoint(Advertisements.advertisedHost(config), httpPort);
    node.dhtVerifiers().register(DhtMaps.PEER_ADVERTISEMENTS, new AdvertisementVerifier(), true);
    meters = new DiscoveryMeters(node.registry());
    // resolvers and the interface list block: never on the event loop
    resolvers = vertx.createSharedWorkerExecutor("juice-discovery-resolver", 2);
    SelfCheck self = new SelfCheck(node.nodeId(), ownEndpoint, httpPort, SelfCheck::isMachineAddress);
    long maxAdAgeMs = 2_000L * config.integer(Settings.DISCOVERY_AD_TTL_S);
    PeerDiscovery discovery = new PeerDiscovery(List.of(
      new ClusterPeerSource(this::otherMembers, this::readAdvertisement, config.string(Settings.CLUSTER_NAME), System::currentTimeMillis,
        maxAdAgeMs, this::rejected),
      new DnsPeerSource(bootstrap.names(), resolver, self, task -> resolvers.executeBlocking(task, false)),
      new StaticPeerSource(bootstrap.endpoints(), self, task -> resolvers.executeBlocking(task, false))), self, this::timer);
    rounds = new DiscoveryRounds(discovery, new PeerTable(config.longValue(Settings.DISCOVERY_PEER_EXPIRY_MS)), meters,
      node.instrumented(), node.nodeId(), ownEndpoint);
    publisher = new AdvertisementPublisher(node, vertx.eventBus(), Advertisements.advertisedHost(config), httpPort, ownEndpoint);
    // the procedure runs on the caller's thread: it reads the published copy, never the table
    node.health().register(HEALTH, promise -> promise.complete(Status.OK(rounds.health())));
    EventBus bus = vertx.eventBus();
    long defaultTimeoutMs = config.longValue(Settings.DISCOVERY_TIMEOUT_MS);
    long refreshMs = config.longValue(Settings.DISCOVERY_REFRESH_MS);
    return Future.join(
        Bus.serveLocal(bus, Addresses.DISCOVERY_DISCOVER, DiscoverRequest.class, r -> rounds.discover(r.getMethod(),
          r.getTimeoutMs() == 0 ? defaultTimeoutMs : r.getTimeoutMs(), r.getMaxResults())).completion(),
        Bus.serveLocal(bus, Addresses.DISCOVERY_PEERS, ListPeersRequest.class,
          r -> Future.succeededFuture(rounds.peers())).completion(),
        Bus.serveLocal(bus, Addresses.DISCOVERY_STATS, DiscoveryStatsRequest.class,
          r -> Future.succeededFuture(rounds.stats())).completion())
      .compose(v -> refresh(Math.min(defaultTimeoutMs, refreshMs)))
      .onSuccess(v -> refreshTimer = vertx.setPeriodic(refreshMs, t -> refresh(Math.min(defaultTimeoutMs, refreshMs))));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(refreshTimer);
    node.health().unregister(HEALTH);
    node.dhtVerifiers().unregister(DhtMaps.PEER_ADVERTISEMENTS);
    meters.close();
    return resolvers.close();
  }

  /** Publishes the advertisement, then runs one round over every method; one refresh at a time. */
  private Future<Void> refresh(long timeoutMs) {
    if (refreshing) {
      return Future.succeededFuture();
    }
    refreshing = true;
    return publisher.publish()
      .transform(published -> {
        if (published.failed()) {
          // the previous advertisement lives until its TTL; the peers are still worth refreshing
          LOG.warn("[Network] [node: {}] advertisement not published: {}", node.nodeId(), published.cause().getMessage());
        }
        return rounds.discover(DiscoveryMethod.DISCOVERY_METHOD_UNSPECIFIED, timeoutMs, 0);
      })
      .<Void>mapEmpty()
      .recover(failure -> {
        LOG.warn("[Network] [node: {}] discovery refresh failed: {}", node.nodeId(), failure.getMessage());
        return Future.succeededFuture();
      })
      .andThen(ar -> refreshing = false);
  }

  private List<String> otherMembers() {
    HazelcastInstance hazelcast = node.hazelcast();
    if (hazelcast == null || !hazelcast.getLifecycleService().isRunning()) {
      return List.of();
    }
    return hazelcast.getCluster().getMembers().stream().filter(m -> !m.localMember()).map(Dht::nodeIdOf).toList();
  }

  private Future<DhtValue> readAdvertisement(String nodeId) {
    return Bus.request(vertx.eventBus(), Addresses.DHT_GET, DhtGetRequest.newBuilder().setMap(DhtMaps.PEER_ADVERTISEMENTS)
      .setKey(nodeId).setVerifySignature(true).build(), node.config().requestTimeoutMs(), DhtValue.class);
  }

  private void rejected(String reason, String nodeId) {
    meters.rejected(reason);
    LOG.warn("[Network] [node: {}] advertisement under {} refused: {}", node.nodeId(), nodeId, reason);
  }

  private Future<Void> timer(long delayMs) {
    Promise<Void> fired = Promise.promise();
    vertx.setTimer(delayMs, id -> fired.tryComplete());
    return fired.future();
  }
}
