package org.juicetokens.token.transaction;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.core.eventbus.MessageConsumer;
import org.juicetokens.api.v1.GetTransferRequest;
import org.juicetokens.api.v1.TransactionStatsRequest;
import org.juicetokens.api.v1.TransferRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.governance.health.ComponentStatus;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;
import org.juicetokens.token.transaction.proto.TxAck;
import org.juicetokens.token.transaction.proto.TxMessage;
import org.juicetokens.token.transaction.proto.TxQuoteRequest;

import java.util.List;
import java.util.function.Supplier;

/**
 * The four-packet exchange of this node (PROTOCOL.md §Transactions): one {@link TransactionEngine}
 * on this verticle's event loop, driven by {@link TxShell}; recovery of the open WAL sides before any
 * consumer is registered; TX_TRANSFER / TX_GET / TX_STATS and the point-to-point message, quote,
 * transfer and get services; consensus time from foundation/time; the "transactions" health check
 * (KO while a side has been IN_DOUBT longer than tx.inDoubtAlertMs). Wiring only.
 */
public final class TransactionVerticle extends VerticleBase {
  public static final String HEALTH_ID = "transactions";

  private final NodeContext node;
  private TxMetrics metrics;
  private ConsensusClock clock;
  private ShellSettings settings;
  private WorkerExecutor verifyWorkers;

  public TransactionVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    NodeConfig config = node.config();
    settings = ShellSettings.of(config);
    EventBus bus = vertx.eventBus();
    String self = node.nodeId();
    TxCalls calls = new TxCalls(bus, config.requestTimeoutMs());
    clock = new ConsensusClock();
    metrics = new TxMetrics(node.registry());
    IdealHolding ideal = TransactionSettings.idealHolding(config);
    TxTransport transport = new TxTransport(vertx, calls, node.hazelcast(), self);
    TokenReservations reservations = new TokenReservations();
    PayeeDesk desk = new PayeeDesk(calls, self, ideal, clock, reservations);
    // packets are verified on a small worker pool before the engine sees them (Ed25519 work off the loop)
    verifyWorkers = vertx.createSharedWorkerExecutor("jt-tx-verify", 2);
    PrecheckedVerifier verifier = new PrecheckedVerifier(
      new MeasuredVerifier(new TelomerePacketVerifier(settings.exchange().tailLinks(), null), node.instrumented()), verifyWorkers);
    return op("readTime", "", calls::timeNow).onSuccess(clock::update).otherwiseEmpty().compose(v -> {
      TxShell shell = new TxShell(vertx, self, clock, calls, transport, desk, metrics, settings, node.instrumented(), verifier,
        reservations);
      TransferPlanner planner = new TransferPlanner(calls, transport, TransactionSettings.tokenSelection(config), ideal, self, clock,
        reservations);
      TxRequests requests = new TxRequests(shell, calls, planner, node.hazelcast(), self, settings);
      bus.<TimeReading>localConsumer(Addresses.TIME_STATUS, m -> onTime(shell, m.body()));
      long refreshMs = config.longValue(Settings.PEER_POLL_MS);
      vertx.setPeriodic(refreshMs, id -> calls.timeNow().onSuccess(r -> onTime(shell, r)));
      return op("recover", "open sides", () -> TxRecovery.run(calls, shell, config.integer(Settings.STORAGE_MAX_SCAN)))
        .compose(n -> serve(bus, self, shell, desk, requests, transport));
    }).onSuccess(v -> node.health().register(HEALTH_ID, promise -> {
      // in doubt too long is DEGRADED: the node still serves; those tokens wait for recovery (see README Health)
      long now = clock.getAsLong();
      boolean stuck = metrics.oldestInDoubtMs(now) > settings.inDoubtAlertMs();
      JsonObject data = metrics.health(now).put("stuckInDoubt", stuck);
      promise.complete(stuck ? ComponentStatus.DEGRADED.toStatus(data.put("reason", "an exchange side is IN_DOUBT longer than tx.inDoubtAlertMs"))
        : ComponentStatus.UP.toStatus(data));
    }));
  }

  private Future<?> serve(EventBus bus, String self, TxShell shell, PayeeDesk desk, TxRequests requests, TxTransport transport) {
    List<MessageConsumer<?>> consumers = List.of(
      Bus.serveLocal(bus, Addresses.TX_TRANSFER, TransferRequest.class, r -> op("transfer", detail(r), () -> requests.transfer(r))),
      Bus.serveLocal(bus, Addresses.TX_GET, GetTransferRequest.class, r -> op("get", "tx=" + r.getTxId(), () -> requests.get(r))),
      Bus.serveLocal(bus, Addresses.TX_STATS, TransactionStatsRequest.class, r -> Future.succeededFuture(metrics.stats(clock.getAsLong()))),
      Bus.serve(bus, Addresses.node(self, Addresses.TX_TRANSFER_SUFFIX), TransferRequest.class,
        r -> op("transferHere", detail(r), () -> requests.transferHere(r))),
      Bus.serve(bus, Addresses.node(self, Addresses.TX_GET_SUFFIX), GetTransferRequest.class,
        r -> op("getHere", "tx=" + r.getTxId(), () -> requests.getHere(r))),
      Bus.serve(bus, Addresses.node(self, Addresses.TX_MESSAGE_SUFFIX), TxMessage.class, m -> {
        shell.receive(m);
        return Future.succeededFuture(TxAck.getDefaultInstance());
      }),
      Bus.serve(bus, Addresses.node(self, Addresses.TX_QUOTE_SUFFIX), TxQuoteRequest.class,
        r -> op("quote", "payee=" + r.getPayeeId(), () -> desk.quote(r))),
      transport.listen(shell::receive, desk::quote));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  private void onTime(TxShell shell, TimeReading reading) {
    if (clock.update(reading)) {
      shell.timeStatus(clock.adequate());
    }
  }

  @Override
  public Future<?> stop() {
    node.health().unregister(HEALTH_ID);
    return verifyWorkers == null ? Future.succeededFuture() : verifyWorkers.close();
  }

  private static String detail(TransferRequest r) {
    return "tx=" + r.getTxId() + " from=" + r.getFromId() + " to=" + r.getToId() + " amount=" + r.getAmountHundredths();
  }

  private <T> Future<T> op(String operation, String detail, Supplier<Future<T>> work) {
    return node.instrumented().run(Layer.TRANSACTION, operation, detail, work);
  }
}
