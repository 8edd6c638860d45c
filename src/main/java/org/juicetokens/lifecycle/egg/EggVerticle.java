package org.juicetokens.lifecycle.egg;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.api.v1.CreateGenesisPoolRequest;
import org.juicetokens.api.v1.FertilizeEggRequest;
import org.juicetokens.api.v1.GenerateEggsRequest;
import org.juicetokens.api.v1.GetEggRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.lifecycle.egg.proto.EggStatsRequest;
import org.juicetokens.lifecycle.egg.proto.MembershipSignRequest;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;
import org.juicetokens.token.creation.Denominations;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The egg layer of one node (PROTOCOL.md §Lifecycle): node-local entry points (Addresses.EGG_*)
 * routing to the home node concerned, the point-to-point services of this node, the
 * jt.genesisPools verifier, the maturation timers of the eggs kept here (resumed from the store at
 * start) and the "eggs" health procedure. Wiring only.
 */
public final class EggVerticle extends VerticleBase {
  public static final String HEALTH_ID = "eggs";

  private final NodeContext node;
  private Maturation maturation;
  private volatile boolean resumed;

  public EggVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    NodeConfig config = node.config();
    LongSupplier clock = System::currentTimeMillis;
    EggDurations durations = EggDurations.of(config);
    EggRequests requests = new EggRequests(config.integer(Settings.EGG_POOL_MIN_MEMBERS), config.integer(Settings.EGG_POOL_MAX_MEMBERS),
      config.integer(Settings.EGG_MAX_BATCH), Denominations.of(config.list(Settings.TOKEN_DENOMINATIONS)),
      config.integer(Settings.TOKEN_MAX_REFERENCE_CHARS));
    EggCalls calls = new EggCalls(vertx.eventBus(), config.requestTimeoutMs());
    EggBook book = new EggBook(calls);
    KeyedQueue queue = new KeyedQueue();
    EggMeters meters = new EggMeters(node.registry(), book, durations, clock);
    maturation = new Maturation(vertx, calls, book, queue, durations, meters, clock, config.longValue(Settings.EGG_RETRY_MS), this::op);
    String self = node.nodeId();
    Pools pools = new Pools(calls, requests, self, clock);
    Generation generation = new Generation(calls, requests, pools, book, durations, self, clock, maturation::schedule);
    Fertilization fertilization = new Fertilization(calls, book, queue, durations, self, clock, egg -> {
      meters.fertilized();
      maturation.schedule(egg);
    }, config.longValue(Settings.EGG_PROOF_TOLERANCE_MS));
    node.dhtVerifiers().register(DhtMaps.GENESIS_POOLS, new PoolEntryVerifier(), true);

    EventBus bus = vertx.eventBus();
    List<MessageConsumer<?>> consumers = List.of(
      Bus.serveLocal(bus, Addresses.EGG_POOL_CREATE, CreateGenesisPoolRequest.class, r -> op("createPool", "members=" + r.getMemberIdsCount(),
        () -> pools.create(r))),
      Bus.serveLocal(bus, Addresses.EGG_GENERATE, GenerateEggsRequest.class, r -> op("generate", generateDetail(r),
        () -> countedGeneration(() -> generation.generate(r), meters))),
      Bus.serveLocal(bus, Addresses.EGG_FERTILIZE, FertilizeEggRequest.class, r -> op("fertilize", r.getId(), () -> fertilization.fertilize(r))),
      Bus.serveLocal(bus, Addresses.EGG_GET, GetEggRequest.class, r -> op("get", r.getId(), () -> fertilization.get(r))),
      Bus.serveLocal(bus, Addresses.EGG_STATS, EggStatsRequest.class, r -> Future.succeededFuture(meters.stats())),
      Bus.serve(bus, Addresses.node(self, Addresses.EGG_POOL_CREATE_SUFFIX), CreateGenesisPoolRequest.class,
        r -> op("createPoolHere", "members=" + r.getMemberIdsCount(), () -> pools.createHere(r))),
      Bus.serve(bus, Addresses.node(self, Addresses.EGG_MEMBERSHIP_SUFFIX), MembershipSignRequest.class,
        r -> op("signMembership", r.getMembership().getMemberId(), () -> pools.signMembership(r))),
      Bus.serve(bus, Addresses.node(self, Addresses.EGG_GENERATE_SUFFIX), GenerateEggsRequest.class,
        r -> op("generateHere", generateDetail(r), () -> generation.generateHere(r))),
      Bus.serve(bus, Addresses.node(self, Addresses.EGG_FERTILIZE_SUFFIX), FertilizeEggRequest.class,
        r -> op("fertilizeHere", r.getId(), () -> fertilization.fertilizeHere(r))),
      Bus.serve(bus, Addresses.node(self, Addresses.EGG_GET_SUFFIX), GetEggRequest.class,
        r -> op("getHere", r.getId(), () -> fertilization.getHere(r))));

    node.health().register(HEALTH_ID, promise -> {
      JsonObject data = new JsonObject().put("kept", book.all().size()).put("resumed", resumed)
        .put("byStage", new JsonObject(new java.util.HashMap<>(meters.stats().getByStageMap())));
      promise.complete(resumed ? Status.OK(data) : Status.KO(data.put("reason", "egg deadlines not resumed from the store yet")));
    });
    int maxScan = config.integer(Settings.STORAGE_MAX_SCAN);
    // deadlines come back from the store: an egg whose deadline passed while the node was down steps at once
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList())
      .compose(v -> op("resume", "eggs kept here", () -> book.loadAll(maxScan)))
      .onSuccess(eggs -> {
        eggs.forEach(maturation::schedule);
        resumed = true;
      })
      .onSuccess(v -> op("restorePools", "pools created here", () -> pools.restore(maxScan)));
  }

  @Override
  public Future<?> stop() {
    maturation.cancelAll();
    node.health().unregister(HEALTH_ID);
    node.dhtVerifiers().unregister(DhtMaps.GENESIS_POOLS);
    return Future.succeededFuture();
  }

  /** A generation is counted once, on the node it was asked of (refused bad input included). */
  private static <T> Future<T> countedGeneration(Supplier<Future<T>> work, EggMeters meters) {
    Future<T> result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.onComplete(ar -> meters.generation(ar.succeeded()));
  }

  private static String generateDetail(GenerateEggsRequest r) {
    return "pool=" + r.getPoolId() + " owner=" + r.getOwnerId() + " reference=" + r.getReference()
      + " denomination=" + r.getDenomination() + " count=" + r.getCount();
  }

  private <T> Future<T> op(String operation, String detail, Supplier<Future<T>> work) {
    return node.instrumented().run(Layer.EGG, operation, detail, work);
  }
}
