package org.juicetokens.token.creation;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.api.v1.BalanceRequest;
import org.juicetokens.api.v1.ListTokensRequest;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.api.v1.TokenRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;
import org.juicetokens.token.proto.RenewalMintRequest;
import org.juicetokens.token.proto.TokenApply;
import org.juicetokens.token.proto.TokenHeldRequest;
import org.juicetokens.token.proto.TokenStatsRequest;
import org.juicetokens.token.proto.TokenStoreRequest;

import java.util.List;
import java.util.function.Supplier;

/**
 * The token layer of one node (PROTOCOL.md §Tokens): node-local entry points (Addresses.TOKEN_*)
 * that route to the node holding the data, the point-to-point services of this node (mint for
 * identities homed here, store/read/list/balance of the tokens kept here), the jt.issuances
 * verifier, the index re-publication timer and the "tokens" health procedure. Wiring only.
 */
public final class TokenVerticle extends VerticleBase {
  public static final String HEALTH_ID = "tokens";

  private final NodeContext node;
  private TokenMeters meters;
  private HomeTokens home;
  private String location;
  private long retryTimer = -1;
  private IssuanceLedger ledger;
  private int maxScan;
  private WorkerExecutor verifyWorkers;
  /** Whether the issuance claims kept here are back in the DHT (it mints only then); read by the health check too. */
  private volatile boolean claimsRestored;

  public TokenVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    NodeConfig config = node.config();
    Denominations denominations = Denominations.of(config.list(Settings.TOKEN_DENOMINATIONS));
    TokenMint mint = new TokenMint(config.string(Settings.TOKEN_LOCATION), config.integer(Settings.TOKEN_LIFETIME_DAYS));
    location = mint.location();
    int maxReference = config.integer(Settings.TOKEN_MAX_REFERENCE_CHARS);
    TokenCalls calls = new TokenCalls(vertx.eventBus(), config.requestTimeoutMs());
    meters = new TokenMeters(node.registry(), denominations);
    TokenIndex index = new TokenIndex(calls, node.nodeId(), meters);
    // genesis checks of stores of many tokens (a mint of 100) run here, off the event loop
    verifyWorkers = vertx.createSharedWorkerExecutor("jt-token-verify", HomeTokens.VERIFY_WORKERS);
    home = new HomeTokens(calls, index, meters, config.integer(Settings.STORAGE_MAX_SCAN), config.integer(Settings.TOKEN_LIST_LIMIT),
      check -> verifyWorkers.executeBlocking(check, false));
    ledger = new IssuanceLedger(calls, node.nodeId(), config.integer(Settings.TOKEN_CLAIM_ATTEMPTS));
    Minting minting = new Minting(calls, mint, ledger,
      new Minting.MintLimits(denominations, config.integer(Settings.TOKEN_MAX_MINT_COUNT), maxReference), meters, node.nodeId(),
      () -> claimsRestored,
      reply -> reply.getTokensList().forEach(t -> vertx.eventBus().publish(Addresses.TOKEN_CREATED, t, new DeliveryOptions().setLocalOnly(true))),
      (request, issuer, after) -> op("store", "tokens=" + request.getTokensCount() + " from=" + node.nodeId(),
        () -> home.storeMinted(request, issuer, after)));
    RenewalMinting renewals = new RenewalMinting(calls, ledger, index, node.nodeId(), () -> claimsRestored);
    TokenReads reads = new TokenReads(calls, index, home, maxReference, config.integer(Settings.TELOMERE_TAIL_LINKS), node.telomere()::verify);
    node.dhtVerifiers().register(DhtMaps.ISSUANCES, new IssuanceEntryVerifier(), true);

    EventBus bus = vertx.eventBus();
    String self = node.nodeId();
    List<MessageConsumer<?>> consumers = List.of(
      Bus.serveLocal(bus, Addresses.TOKEN_MINT, MintRequest.class, r -> op("mint", mintDetail(r), () -> minting.mint(r))),
      Bus.serveLocal(bus, Addresses.TOKEN_GET, TokenRequest.class, r -> op("get", r.getTokenId(), () -> reads.get(r))),
      Bus.serveLocal(bus, Addresses.TOKEN_HISTORY, TokenRequest.class, r -> op("history", r.getTokenId(), () -> reads.history(r))),
      Bus.serveLocal(bus, Addresses.TOKEN_BALANCE, BalanceRequest.class, r -> op("balance", r.getId(), () -> reads.balance(r))),
      Bus.serveLocal(bus, Addresses.TOKEN_LIST, ListTokensRequest.class, r -> op("list", r.getId(), () -> reads.list(r))),
      Bus.serveLocal(bus, Addresses.TOKEN_APPLY, TokenApply.class,
        r -> op("apply", "owner=" + r.getOwnerId() + " tx=" + r.getTxId(), () -> home.apply(r))),
      Bus.serveLocal(bus, Addresses.TOKEN_HELD, TokenHeldRequest.class, r -> op("held", r.getOwnerId(), () -> home.held(r))),
      Bus.serveLocal(bus, Addresses.TOKEN_STATS, TokenStatsRequest.class, r -> Future.succeededFuture(meters.stats(location))),
      Bus.serve(bus, Addresses.node(self, Addresses.TOKEN_MINT_SUFFIX), MintRequest.class,
        r -> op("mintHere", mintDetail(r), () -> minting.mintHere(r))),
      Bus.serve(bus, Addresses.node(self, Addresses.TOKEN_RENEW_MINT_SUFFIX), RenewalMintRequest.class,
        r -> op("renewMint", "token=" + r.getOldTokenId(), () -> renewals.mint(r))),
      Bus.serve(bus, Addresses.node(self, Addresses.TOKEN_STORE_SUFFIX), TokenStoreRequest.class,
        r -> op("store", "tokens=" + r.getTokensCount() + " from=" + r.getMintingNode(), () -> home.store(r))),
      Bus.serve(bus, Addresses.node(self, Addresses.TOKEN_GET_SUFFIX), TokenRequest.class,
        r -> op("read", r.getTokenId(), () -> reads.getHere(r))),
      Bus.serve(bus, Addresses.node(self, Addresses.TOKEN_HISTORY_SUFFIX), TokenRequest.class,
        r -> op("readHistory", r.getTokenId(), () -> reads.historyHere(r))),
      Bus.serve(bus, Addresses.node(self, Addresses.TOKEN_BALANCE_SUFFIX), BalanceRequest.class,
        r -> op("readBalance", r.getId(), () -> reads.balanceHere(r))),
      Bus.serve(bus, Addresses.node(self, Addresses.TOKEN_LIST_SUFFIX), ListTokensRequest.class,
        r -> op("readList", r.getId(), () -> reads.listHere(r))));

    node.health().register(HEALTH_ID, promise -> promise.complete(claimsRestored ? Status.OK(health())
      : Status.KO(health().put("reason", "issuance claims kept here are not back in the DHT yet"))));
    long retryMs = config.longValue(Settings.TOKEN_INDEX_RETRY_MS);
    // the outbox is scanned every time (an empty prefix scan is cheap): markers may predate this start
    retryTimer = vertx.setPeriodic(retryMs, retryMs, id -> {
      op("republishIndex", "pending=" + meters.indexPending(), home::republishPending);
      if (!claimsRestored) {
        restoreClaims();
      }
    });
    maxScan = config.integer(Settings.STORAGE_MAX_SCAN);
    // the DHT is in memory: after a restart of every member it lacks what only the home nodes kept.
    // Claims come back before this node mints (else another identity could claim an issuance; a
    // failure here is retried with the timer, minting refused as UNAVAILABLE meanwhile); index
    // entries come back in the background (reads of a token fail NOT_FOUND until then)
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList())
      .compose(v -> op("countHeld", "", home::countHeld))
      .compose(v -> restoreClaims().otherwiseEmpty())
      .onSuccess(v -> op("reindex", "tokens held here", home::republishAll));
  }

  private Future<Integer> restoreClaims() {
    return op("restoreClaims", "", () -> ledger.restore(maxScan)).onSuccess(n -> claimsRestored = true);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(retryTimer);
    node.health().unregister(HEALTH_ID);
    node.dhtVerifiers().unregister(DhtMaps.ISSUANCES);
    return verifyWorkers == null ? Future.succeededFuture() : verifyWorkers.close();
  }

  private JsonObject health() {
    var stats = meters.stats(location);
    return new JsonObject().put("location", location).put("held", stats.getTokensHeld()).put("minted", stats.getMinted())
      .put("indexPending", stats.getIndexPending()).put("claimsRestored", claimsRestored);
  }

  private static String mintDetail(MintRequest r) {
    return "issuer=" + r.getIssuerId() + " owner=" + r.getOwnerId() + " reference=" + r.getReference()
      + " denomination=" + r.getDenomination() + " count=" + r.getCount();
  }

  private <T> Future<T> op(String operation, String detail, Supplier<Future<T>> work) {
    return node.instrumented().run(Layer.MINT, operation, detail, work);
  }
}
