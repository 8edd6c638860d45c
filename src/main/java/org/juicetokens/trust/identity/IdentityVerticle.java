package org.juicetokens.trust.identity;

import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.api.v1.ChallengeRequest;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.ProveRequest;
import org.juicetokens.api.v1.RevokeIdentityRequest;
import org.juicetokens.api.v1.RotateKeyRequest;
import org.juicetokens.api.v1.VerifyProofRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.crypto.KeyEncryption;
import org.juicetokens.crypto.MasterKey;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;
import org.juicetokens.trust.identity.proto.IdentityLookup;
import org.juicetokens.trust.identity.proto.IdentitySignRequest;
import org.juicetokens.trust.identity.proto.IdentityStatsRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Function;

/**
 * The identity layer of one node: loads (or creates) the master key, registers the
 * {@code jt.identities} verifier, the "identity" health procedure and the meters, answers the
 * node-local identity addresses and this node's point-to-point ones (updates and proofs of the
 * identities homed here), and loads the homed identities. Wiring only: the rules are in
 * {@link IdentityDocuments}, {@link IdentityOperations}, {@link IdentityUpdates}, {@link ProofOfControl}, {@link Keystore}, {@link HomedLoader}.
 */
public final class IdentityVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityVerticle.class);
  private static final String HEALTH = "identity";
  public static final String MASTER_KEY_FILE = "master.key";

  private final NodeContext node;
  private IdentityMeters meters;
  /** The last keystore probe's failure, empty when it read fine (and before the first answer). */
  private volatile String keystoreError = "";
  private volatile boolean keystoreSlow;
  private long probeTimer = -1;

  public IdentityVerticle(NodeContext node) {
    this.node = node;
  }

  /** The master key file: {@code identity.masterKeyFile}, else {@code <node data dir>/master.key}. */
  public static Path masterKeyFile(NodeConfig config) {
    String configured = config.string(Settings.IDENTITY_MASTER_KEY_FILE);
    return configured.isBlank() ? config.nodeDataDir().resolve(MASTER_KEY_FILE) : Path.of(configured);
  }

  @Override
  public Future<?> start() {
    NodeConfig config = node.config();
    SecureRandom random = new SecureRandom();
    Path file = masterKeyFile(config);
    return vertx.executeBlocking(() -> MasterKey.loadOrCreate(file, random)).compose(master -> {
      LOG.info("[Identity] [node: {}] master key {} {}", node.nodeId(), master.created() ? "created at" : "loaded from", master.file());
      EventBus bus = vertx.eventBus();
      long timeoutMs = config.requestTimeoutMs();
      HomedIdentities homed = new HomedIdentities();
      meters = new IdentityMeters(node.registry(), homed::size);
      Keystore keystore = new Keystore(bus, timeoutMs, new KeyEncryption(master, random));
      IdentityDht dht = new IdentityDht(bus, timeoutMs, System::currentTimeMillis);
      KnownDocuments known = new KnownDocuments(config.integer(Settings.IDENTITY_KNOWN_DOCUMENTS));
      IdentityOperations ops = new IdentityOperations(node.nodeId(), config.integer(Settings.IDENTITY_MAX_NAME_CHARS),
        keystore, dht, homed, known, meters, random, System::currentTimeMillis);
      IdentityUpdates updates = new IdentityUpdates(node.nodeId(), bus, timeoutMs, ops, keystore, dht, meters, random, System::currentTimeMillis);
      ProofOfControl proofs = new ProofOfControl(node.nodeId(), bus, timeoutMs, ops, new Challenges(random, System::currentTimeMillis,
        config.longValue(Settings.IDENTITY_CHALLENGE_TTL_MS), config.integer(Settings.IDENTITY_MAX_CHALLENGES)));
      node.dhtVerifiers().register(DhtMaps.IDENTITIES, new IdentityEntryVerifier(), true);
      // the keystore is probed on a timer and the procedure answers from the last probe: /health
      // never waits on the storage workers (the probe reads the store)
      // a read that only timed out (the store's workers busy) is DEGRADED: slow, not broken
      Runnable probe = () -> keystore.probe().onComplete(ok -> keystoreError = "", failure -> {
        keystoreSlow = timedOut(failure);
        keystoreError = String.valueOf(failure.getMessage());
      });
      probe.run();
      probeTimer = vertx.setPeriodic(config.longValue(Settings.HEALTH_EVALUATE_MS), id -> probe.run());
      node.health().register(HEALTH, promise -> {
        String error = keystoreError;
        if (error.isEmpty()) {
          promise.complete(Status.OK(health(homed, master, true)));
        } else if (keystoreSlow) {
          promise.complete(Status.OK(health(homed, master, true).put("status", "DEGRADED")
            .put("reason", "keystore read timed out: " + error)));
        } else {
          promise.complete(Status.KO(health(homed, master, false).put("error", error)));
        }
      });
      String self = node.nodeId();
      return Future.all(List.of(
          local(bus, Addresses.IDENTITY_CREATE, CreateIdentityRequest.class, "create", r -> "name_chars=" + r.getDisplayName().length(),
            r -> ops.create(r).onSuccess(view -> bus.publish(Addresses.IDENTITY_CREATED, view, new io.vertx.core.eventbus.DeliveryOptions().setLocalOnly(true)))),
          local(bus, Addresses.IDENTITY_GET, IdentityLookup.class, "get", r -> "id=" + prefix(r.getIdentityId()), ops::get),
          local(bus, Addresses.IDENTITY_SIGN, IdentitySignRequest.class, "sign", r -> "id=" + prefix(r.getIdentityId()) + " purpose="
            + prefix(r.getPurpose()) + " bytes=" + r.getData().size(), ops::sign),
          local(bus, Addresses.IDENTITY_ROTATE, RotateKeyRequest.class, "rotate", r -> "id=" + prefix(r.getId()), updates::rotate),
          local(bus, Addresses.IDENTITY_REVOKE, RevokeIdentityRequest.class, "revoke", r -> "id=" + prefix(r.getId()), updates::revoke),
          local(bus, Addresses.IDENTITY_CHALLENGE, ChallengeRequest.class, "challenge", r -> "id=" + prefix(r.getId()), proofs::challenge),
          local(bus, Addresses.IDENTITY_PROVE, ProveRequest.class, "prove", r -> "id=" + prefix(r.getId()), proofs::prove),
          local(bus, Addresses.IDENTITY_VERIFY_PROOF, VerifyProofRequest.class, "verifyProof", r -> "id=" + prefix(r.getId()), proofs::verify),
          Bus.serveLocal(bus, Addresses.IDENTITY_STATS, IdentityStatsRequest.class,
            r -> Future.succeededFuture(IdentityStatsView.of(homed, meters))).completion(),
          home(bus, Addresses.node(self, Addresses.IDENTITY_ROTATE_SUFFIX), RotateKeyRequest.class, "rotate.home", r -> "id=" + prefix(r.getId()),
            updates::rotateHere),
          home(bus, Addresses.node(self, Addresses.IDENTITY_REVOKE_SUFFIX), RevokeIdentityRequest.class, "revoke.home",
            r -> "id=" + prefix(r.getId()), updates::revokeHere),
          home(bus, Addresses.node(self, Addresses.IDENTITY_PROVE_SUFFIX), ProveRequest.class, "prove.home", r -> "id=" + prefix(r.getId()),
            proofs::proveHere)))
        .compose(v -> new HomedLoader(keystore, dht, homed, known).load())
        .onSuccess(count -> LOG.info("[Identity] [node: {}] {} identities homed here", node.nodeId(), count));
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(probeTimer);
    node.health().unregister(HEALTH);
    node.dhtVerifiers().unregister(DhtMaps.IDENTITIES);
    if (meters != null) {
      meters.close();
    }
    return Future.succeededFuture();
  }

  /** A bus request that got no answer in time (the store busy), as opposed to a store that answered with a failure. */
  private static boolean timedOut(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof io.vertx.core.eventbus.ReplyException re && re.failureType() == io.vertx.core.eventbus.ReplyFailure.TIMEOUT
        || t instanceof org.juicetokens.common.JuiceException je && je.code() == org.juicetokens.common.ErrorCode.TIMEOUT) {
        return true;
      }
    }
    return false;
  }

  private <Q extends Message> Future<Void> local(EventBus bus, String address, Class<Q> type, String op, Function<Q, String> detail,
                                                 Function<Q, Future<? extends Message>> handler) {
    return Bus.serveLocal(bus, address, type, r -> instrumented(op, detail.apply(r), () -> handler.apply(r))).completion();
  }

  private <Q extends Message> Future<Void> home(EventBus bus, String address, Class<Q> type, String op, Function<Q, String> detail,
                                                Function<Q, Future<? extends Message>> handler) {
    return Bus.serve(bus, address, type, r -> instrumented(op, detail.apply(r), () -> handler.apply(r))).completion();
  }

  private Future<? extends Message> instrumented(String op, String detail, java.util.function.Supplier<Future<? extends Message>> work) {
    return node.instrumented().<Message>run(Layer.IDENTITY, op, detail, () -> work.get().map(m -> (Message) m));
  }

  private static JsonObject health(HomedIdentities homed, MasterKey master, boolean keystoreReadable) {
    return new JsonObject().put("masterKeyLoaded", true).put("masterKeyFile", master.file().toString())
      .put("keystoreReadable", keystoreReadable).put("homed", homed.size());
  }

  /** A short, safe prefix of caller text for log lines (ids are public; data never goes here). */
  private static String prefix(String text) {
    return text == null ? "" : text.length() > 12 ? text.substring(0, 12) : text;
  }
}
