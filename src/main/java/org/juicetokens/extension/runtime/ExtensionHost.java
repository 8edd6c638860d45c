package org.juicetokens.extension.runtime;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.extension.ExtensionRuntime;
import org.juicetokens.extension.proto.ExtensionManifest;
import org.juicetokens.extension.proto.ExtensionState;
import org.juicetokens.extension.spi.Hook;
import org.juicetokens.extension.spi.HookEvent;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.node.NodeContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The extension runtime of one node. Build it in a verticle's start (its context becomes the host's:
 * event dispatch and the breakers run there), call {@link #start()} and, on stop, {@link #close()}.
 * <ul>
 *   <li>activate: loads the entry class off the event loop (class path or jar, {@link ExtensionLoader}),
 *   deploys a {@link ExtensionSandbox} (a WORKER verticle on a one-thread pool of its own, new for each
 *   activation), calls start on
 *   it within extension.startTimeoutMs, then delivers the hooks its {@link Grants} allow.</li>
 *   <li>every event goes through the extension's circuit breaker (extension.callTimeoutMs,
 *   extension.maxFailures within 10 s, extension.resetTimeoutMs); when the breaker has opened
 *   extension.maxBreakerOpens times since activation the extension is stopped and reported DISABLED.
 *   A start that fails or times out is reported ERROR (and fails the activation).</li>
 * </ul>
 */
public final class ExtensionHost implements ExtensionRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(ExtensionHost.class);
  public static final String HEALTH_ID = "extensionRuntime";

  private final Vertx vertx;
  private final NodeContext node;
  private final ExtensionSettings settings;
  private final ExtensionLoader loader;
  private final ExtensionMeters meters;
  private final HookDispatcher dispatcher;
  private final Map<String, ActiveExtension> active = new ConcurrentHashMap<>();
  private final Map<String, Boolean> starting = new ConcurrentHashMap<>();
  private final Map<String, String> lastFailures = new ConcurrentHashMap<>();
  private final List<FaultListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong activations = new AtomicLong();
  private HttpClient http;
  /** The context of the verticle that started the host: sandboxes are deployed from it (its children) and events dispatched on it. */
  private Context hostContext;

  public ExtensionHost(Vertx vertx, NodeContext node) {
    this(vertx, node, ExtensionSettings.of(node.config()));
  }

  /** With explicit settings; entry classes come from the node's class loader (the one that loaded this class) or a child of it. */
  public ExtensionHost(Vertx vertx, NodeContext node, ExtensionSettings settings) {
    this.vertx = vertx;
    this.node = node;
    this.settings = settings;
    this.loader = new ExtensionLoader(settings.dir(), ExtensionHost.class.getClassLoader());
    this.meters = new ExtensionMeters(node.registry());
    this.dispatcher = new HookDispatcher(vertx.eventBus(), new HookEvents(node.nodeId(), System::currentTimeMillis), this::receives,
      this::deliver);
  }

  /** Subscribes to the node's events and registers the "extensionRuntime" health procedure. */
  public Future<Void> start() {
    hostContext = vertx.getOrCreateContext();
    http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.requestTimeoutMs())));
    node.health().register(HEALTH_ID, promise -> promise.complete(Status.OK(health())));
    return dispatcher.start();
  }

  /** Stops every running extension (no fault reported: the node is stopping) and unsubscribes. */
  public Future<Void> close() {
    node.health().unregister(HEALTH_ID);
    List<Future<String>> stops = active.keySet().stream().map(id -> {
      ActiveExtension ext = active.remove(id);
      return ext == null ? Future.succeededFuture("") : stopActive(ext);
    }).toList();
    return Future.join(stops).transform(ar -> dispatcher.stop())
      .transform(ar -> http == null ? Future.succeededFuture() : http.close());
  }

  /** Idempotent: an extension running already succeeds at once; one being activated is a CONFLICT. */
  @Override
  public Future<Void> activate(ExtensionManifest manifest) {
    String id = manifest.getId();
    if (active.containsKey(id)) {
      return Future.succeededFuture();
    }
    if (starting.putIfAbsent(id, Boolean.TRUE) != null) {
      return Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "extension " + id + " is being activated"));
    }
    if (active.containsKey(id)) {
      // an activation finished between the two looks
      starting.remove(id);
      return Future.succeededFuture();
    }
    return op("activate", id, () -> vertx.executeBlocking(() -> loader.load(manifest), false)
        .compose(loaded -> deploy(manifest, loaded)))
      .andThen(ar -> starting.remove(id));
  }

  private Future<Void> deploy(ExtensionManifest manifest, ExtensionLoader.Loaded loaded) {
    String id = manifest.getId();
    Grants grants = Grants.of(manifest);
    ExtensionSandbox sandbox = new ExtensionSandbox(loaded.extension(), settings.startTimeoutMs(), hostContext);
    ExtensionFacade facade = new ExtensionFacade(id, manifest.getConfigMap(), grants, vertx, http, meters, settings.requestTimeoutMs());
    DeploymentOptions options = new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
      // a pool per activation: the thread of an earlier instance that never returned is not shared with the next one
      .setWorkerPoolName("jt-ext-" + id + "-" + activations.incrementAndGet()).setWorkerPoolSize(1)
      // the blocked-thread checker names an extension holding its thread past the call timeout
      .setMaxWorkerExecuteTime(settings.callTimeoutMs()).setMaxWorkerExecuteTimeUnit(TimeUnit.MILLISECONDS);
    // deployed from the host's context: a child of the host's verticle, undeployed with it when the node stops
    Promise<String> deployed = Promise.promise();
    hostContext.runOnContext(v -> vertx.deployVerticle(sandbox, options).onComplete(deployed));
    return deployed.future()
      .recover(f -> {
        loaded.close();
        return Future.failedFuture(new JuiceException(ErrorCode.UNAVAILABLE, "extension " + id + ": deploy failed: " + f.getMessage(), f));
      })
      .compose(deploymentId -> sandbox.call(() -> loaded.extension().start(facade))
        .timeout(settings.startTimeoutMs(), TimeUnit.MILLISECONDS)
        .transform(ar -> {
          if (ar.succeeded()) {
            ActiveExtension ext = new ActiveExtension(id, grants, loaded, sandbox, deploymentId, breaker(id));
            meters.activated(id);
            lastFailures.remove(id);
            active.put(id, ext);
            LOG.info("[Extension] [node: {}] extension {} active, receives {}", node.nodeId(), id, grants.hooks());
            return Future.succeededFuture();
          }
          String reason = "start failed: " + (ar.cause() instanceof java.util.concurrent.TimeoutException
            ? "not started within " + settings.startTimeoutMs() + " ms (extension.startTimeoutMs)" : String.valueOf(ar.cause()));
          lastFailures.put(id, reason);
          return undeploy(deploymentId, loaded, sandbox).transform(ignored -> {
            fault(id, ExtensionState.ERROR, reason);
            return Future.failedFuture(new JuiceException(ErrorCode.UNAVAILABLE, "extension " + id + ": " + reason));
          });
        }));
  }

  private CircuitBreaker breaker(String id) {
    CircuitBreaker breaker = CircuitBreaker.create("jt-ext-" + id, vertx, new CircuitBreakerOptions()
      .setTimeout(settings.callTimeoutMs()).setMaxFailures(settings.maxFailures()).setResetTimeout(settings.resetTimeoutMs())
      .setFallbackOnFailure(false).setNotificationAddress(null));
    return breaker.openHandler(v -> opened(id));
  }

  private void opened(String id) {
    meters.breakerOpened(id);
    long opens = meters.breakerOpens(id);
    ActiveExtension ext = active.get(id);
    String last = ext == null ? "" : ext.lastFailure();
    LOG.warn("[Extension] [node: {}] circuit breaker of extension {} opened ({} of {}): {}", node.nodeId(), id, opens,
      settings.maxBreakerOpens(), last);
    if (opens >= settings.maxBreakerOpens()) {
      cutOff(id, ExtensionState.DISABLED, "repeated failures: circuit breaker opened " + opens + " time(s) (extension.maxBreakerOpens="
        + settings.maxBreakerOpens() + "); last: " + last);
    }
  }

  private void cutOff(String id, ExtensionState state, String reason) {
    ActiveExtension ext = active.remove(id);
    if (ext == null) {
      return;
    }
    lastFailures.put(id, reason);
    LOG.warn("[Extension] [node: {}] extension {} cut off ({}): {}", node.nodeId(), id, state, reason);
    fault(id, state, reason);
    op("cutOff", id, () -> stopActive(ext));
  }

  /** Succeeds at once when not running; an extension still being activated is a CONFLICT (its start is bounded: ask again). */
  @Override
  public Future<Void> deactivate(String extensionId) {
    if (starting.containsKey(extensionId)) {
      return Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "extension " + extensionId + " is being activated; deactivate it after"));
    }
    ActiveExtension ext = active.remove(extensionId);
    if (ext == null) {
      return Future.succeededFuture();
    }
    return op("deactivate", extensionId, () -> stopActive(ext)).map(stopFailure -> {
      if (!stopFailure.isEmpty()) {
        lastFailures.put(extensionId, stopFailure);
        fault(extensionId, ExtensionState.ERROR, stopFailure);
      }
      return null;
    });
  }

  /** Closes the breaker, undeploys (stop called) and closes the loader; answers why the stop failed ("" if it did not). */
  private Future<String> stopActive(ActiveExtension ext) {
    ext.breaker.close();
    return undeploy(ext.deploymentId, ext.loaded, ext.sandbox);
  }

  private Future<String> undeploy(String deploymentId, ExtensionLoader.Loaded loaded, ExtensionSandbox sandbox) {
    // an extension stuck on its thread never lets its undeploy finish: the host stops waiting (its thread stays taken)
    return vertx.undeploy(deploymentId).timeout(2 * settings.startTimeoutMs(), TimeUnit.MILLISECONDS)
      .transform(ar -> {
        loaded.close();
        return Future.succeededFuture(ar.failed()
          ? "stop failed: not stopped within " + 2 * settings.startTimeoutMs() + " ms (its thread is still busy)" : sandbox.stopFailure());
      });
  }

  @Override
  public boolean running(String extensionId) {
    return active.containsKey(extensionId);
  }

  /** {invocations, ok, errors, timeouts, rejected, denied, meanMs, maxMs, breakerOpens, running, breaker, lastFailure}. */
  @Override
  public JsonObject usage(String extensionId) {
    ActiveExtension ext = active.get(extensionId);
    return meters.usage(extensionId).put("running", ext != null)
      .put("breaker", ext == null ? "NONE" : ext.breaker.state().name())
      .put("lastFailure", ext != null && !ext.lastFailure().isEmpty() ? ext.lastFailure() : lastFailures.getOrDefault(extensionId, ""));
  }

  @Override
  public void onFault(FaultListener listener) {
    listeners.add(listener);
  }

  private void fault(String id, ExtensionState state, String reason) {
    for (FaultListener listener : listeners) {
      try {
        listener.faulted(id, state, reason);
      } catch (RuntimeException e) {
        LOG.warn("[Extension] [node: {}] fault listener failed for extension {}: {}", node.nodeId(), id, e.toString());
      }
    }
  }

  /** One hook event to every running extension granted its hook. */
  /** Whether an active extension receives {@code hook}: events of other hooks are not even converted. */
  boolean receives(Hook hook) {
    for (ActiveExtension ext : active.values()) {
      if (ext.grants.receives(hook)) {
        return true;
      }
    }
    return false;
  }

  void deliver(HookEvent event) {
    for (ActiveExtension ext : active.values()) {
      if (ext.grants.receives(event.hook())) {
        long start = System.nanoTime();
        ext.invoke(event).onSuccess(outcome -> meters.invoked(ext.id, event.hook(), outcome, System.nanoTime() - start));
      }
    }
  }

  private JsonObject health() {
    long open = active.values().stream().filter(e -> e.breaker.state() != io.vertx.circuitbreaker.CircuitBreakerState.CLOSED).count();
    return new JsonObject().put("status", open == 0 ? "UP" : "DEGRADED").put("active", active.size()).put("breakersOpen", open);
  }

  private <T> Future<T> op(String operation, String detail, Supplier<Future<T>> work) {
    return node.instrumented().run(Layer.EXTENSION, operation, detail, work);
  }
}
