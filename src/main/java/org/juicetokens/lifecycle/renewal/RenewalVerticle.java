package org.juicetokens.lifecycle.renewal;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.lifecycle.renewal.proto.NoticesRequest;
import org.juicetokens.lifecycle.renewal.proto.RenewRequest;
import org.juicetokens.lifecycle.renewal.proto.RenewalEvent;
import org.juicetokens.lifecycle.renewal.proto.RenewalStatsRequest;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.Settings;

import java.util.List;
import java.util.function.Supplier;

/**
 * The renewal layer of one node (PROTOCOL.md §Lifecycle): renew and notices entry points (node-local,
 * routed to the home node), their point-to-point services, the notice scan and reward outbox timers
 * (both run once at start: deadlines are in the store, so a restart resumes them), the relay of
 * RENEWAL_EVENTS to the node-local address the admin stream reads, and the "renewal" health. Wiring only.
 */
public final class RenewalVerticle extends VerticleBase {
  public static final String HEALTH_ID = "renewal";
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final NodeContext node;
  private final List<Long> timers = new java.util.ArrayList<>();
  private RenewalSettings settings;
  private RenewalMeters meters;

  public RenewalVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    settings = RenewalSettings.of(node.config());
    EventBus bus = vertx.eventBus();
    String self = node.nodeId();
    RenewalCalls calls = new RenewalCalls(bus, node.config().requestTimeoutMs());
    meters = new RenewalMeters(node.registry());
    RewardPayer rewards = new RewardPayer(calls, meters, node.config().longValue(Settings.API_TRANSFER_TIMEOUT_MS));
    Renewals renewals = new Renewals(calls, settings, rewards, meters, self,
      r -> bus.publish(Addresses.RENEWAL_EVENTS, RenewalEvent.newBuilder().setNodeId(self).setRenewal(r).build()));
    int maxScan = node.config().integer(Settings.STORAGE_MAX_SCAN);
    NoticeScanner scanner = new NoticeScanner(calls, settings, meters, maxScan,
      n -> bus.publish(Addresses.RENEWAL_EVENTS, RenewalEvent.newBuilder().setNodeId(self).setNotice(n).build()));
    RewardCredits credits = new RewardCredits(calls, settings);
    NoticeReads reads = new NoticeReads(calls, self, settings.noticeLimit());

    List<MessageConsumer<?>> consumers = List.of(
      Bus.serveLocal(bus, Addresses.RENEWAL_RENEW, RenewRequest.class, r -> op("renew", detail(r), () -> renewals.renew(r))),
      Bus.serveLocal(bus, Addresses.RENEWAL_NOTICES, NoticesRequest.class, r -> op("notices", r.getIdentityId(), () -> reads.list(r))),
      Bus.serveLocal(bus, Addresses.RENEWAL_STATS, RenewalStatsRequest.class, r -> Future.succeededFuture(meters.stats())),
      Bus.serve(bus, Addresses.node(self, Addresses.RENEWAL_RENEW_SUFFIX), RenewRequest.class,
        r -> op("renewHere", detail(r), () -> renewals.renewHere(r))),
      Bus.serve(bus, Addresses.node(self, Addresses.RENEWAL_NOTICES_SUFFIX), NoticesRequest.class,
        r -> op("noticesHere", r.getIdentityId(), () -> reads.listHere(r))),
      Bus.serve(bus, Addresses.node(self, Addresses.RENEWAL_CREDIT_SUFFIX), org.juicetokens.lifecycle.renewal.proto.RenewalRecord.class,
        r -> op("creditReward", r.getRenewalId(), () -> credits.credit(r))),
      bus.consumer(Addresses.RENEWAL_EVENTS, m -> bus.publish(Addresses.RENEWAL_EVENTS_LOCAL, m.body(), LOCAL)));

    node.health().register(HEALTH_ID, promise -> promise.complete(Status.OK(health())));
    timers.add(vertx.setPeriodic(settings.scanMs(), id -> op("noticeScan", "", scanner::scan)));
    timers.add(vertx.setPeriodic(settings.rewardRetryMs(), id -> op("payOwed", "", () -> rewards.payOwed(maxScan))));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList())
      .onSuccess(v -> {
        op("noticeScan", "at start", scanner::scan);
        op("payOwed", "at start", () -> rewards.payOwed(maxScan));
      });
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    node.health().unregister(HEALTH_ID);
    return Future.succeededFuture();
  }

  private JsonObject health() {
    var s = meters.stats();
    return new JsonObject().put("timeScale", settings.timeScale()).put("scanMs", settings.scanMs()).put("renewals", s.getRenewals())
      .put("notices", s.getNotices()).put("rewardsPending", s.getRewardsPending());
  }

  private static String detail(RenewRequest r) {
    return "token=" + r.getTokenId() + " requester=" + r.getRequesterId() + (r.getFacilitatorId().isEmpty() ? "" : " facilitator=" + r.getFacilitatorId());
  }

  private <T> Future<T> op(String operation, String detail, Supplier<Future<T>> work) {
    return node.instrumented().run(Layer.RENEWAL, operation, detail, work);
  }
}
