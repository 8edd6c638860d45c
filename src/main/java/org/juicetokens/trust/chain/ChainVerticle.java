package org.juicetokens.trust.chain;

import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.Settings;
import org.juicetokens.trust.attestation.proto.AttestationEvent;
import org.juicetokens.trust.chain.proto.ChainAppendRequest;
import org.juicetokens.trust.chain.proto.ChainGetRequest;
import org.juicetokens.trust.chain.proto.ChainStatsRequest;
import org.juicetokens.trust.chain.proto.ChainVerifyRequest;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Supplier;

/**
 * The personal chains of the identities homed on this node: node-local append / get / verify (each
 * forwarded point-to-point to the identity's home node), this node's point-to-point ones, the hooks
 * that record real events (identities created here, transfer sides committed here, attestations given
 * or received by identities homed here), and the start-up
 * re-publication of heads the DHT lacks. Wiring only: the rules are in {@link ChainLog}, {@link ChainVerifier}.
 */
public final class ChainVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ChainVerticle.class);
  private static final String HEALTH = "chain";

  private final NodeContext node;

  public ChainVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    String self = node.nodeId();
    ChainMeters meters = new ChainMeters(node.registry());
    ChainLog log = new ChainLog(self, new ChainCalls(bus, node.config().requestTimeoutMs()), meters, System::currentTimeMillis,
      node.config().integer(Settings.CHAIN_PAGE_LIMIT), node.config().integer(Settings.CHAIN_MAX_VERIFY_ENTRIES));
    node.health().register(HEALTH, promise -> promise.complete(Status.OK(meters.health())));
    bus.<IdentityView>localConsumer(Addresses.IDENTITY_CREATED, m -> record(log, ChainEvents.created(m.body())));
    return Future.all(List.of(
        Bus.serveLocal(bus, Addresses.CHAIN_APPEND, ChainAppendRequest.class, r -> op("append", r.getType().name(), () -> log.append(r))).completion(),
        Bus.serveLocal(bus, Addresses.CHAIN_GET, ChainGetRequest.class, r -> op("get", "limit=" + r.getLimit(), () -> log.get(r))).completion(),
        Bus.serveLocal(bus, Addresses.CHAIN_VERIFY, ChainVerifyRequest.class, r -> op("verify", "", () -> log.verify(r))).completion(),
        Bus.serveLocal(bus, Addresses.CHAIN_STATS, ChainStatsRequest.class, r -> Future.succeededFuture(meters.stats())).completion(),
        Bus.serve(bus, Addresses.node(self, Addresses.CHAIN_APPEND_SUFFIX), ChainAppendRequest.class,
          r -> op("appendHere", r.getType().name(), () -> log.appendHere(r))).completion(),
        Bus.serve(bus, Addresses.node(self, Addresses.CHAIN_GET_SUFFIX), ChainGetRequest.class,
          r -> op("getHere", "limit=" + r.getLimit(), () -> log.getHere(r))).completion(),
        Bus.serve(bus, Addresses.node(self, Addresses.CHAIN_VERIFY_SUFFIX), ChainVerifyRequest.class,
          r -> op("verifyHere", "", () -> log.verifyHere(r))).completion(),
        bus.<TransferEvent>consumer(Addresses.TX_EVENTS, m -> ChainEvents.transfer(m.body(), self).ifPresent(r -> record(log, r))).completion(),
        bus.<AttestationEvent>consumer(Addresses.ATTESTATION_EVENTS,
          m -> ChainEvents.attestation(m.body(), self).forEach(r -> record(log, r))).completion()))
      .compose(v -> log.republishHeads())
      .onSuccess(count -> LOG.info("[Identity] [node: {}] chain heads re-published: {}", self, count));
  }

  @Override
  public Future<?> stop() {
    node.health().unregister(HEALTH);
    return Future.succeededFuture();
  }

  private void record(ChainLog log, ChainAppendRequest request) {
    op("record", request.getType().name(), () -> log.appendHere(request))
      .onFailure(failure -> LOG.warn("[Identity] [node: {}] chain {} of {} not recorded: {}", node.nodeId(), request.getType(),
        request.getIdentityId(), failure.getMessage()));
  }

  private Future<Message> op(String op, String detail, Supplier<Future<? extends Message>> work) {
    return node.instrumented().<Message>run(Layer.IDENTITY, "chain." + op, detail, () -> work.get().map(m -> (Message) m));
  }
}
