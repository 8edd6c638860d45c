package org.juicetokens.extension;

import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.api.v1.ExtensionIdRequest;
import org.juicetokens.api.v1.ExtensionView;
import org.juicetokens.api.v1.ListExtensionsReply;
import org.juicetokens.api.v1.ListExtensionsRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.extension.proto.ExtensionRecord;
import org.juicetokens.extension.proto.ExtensionState;
import org.juicetokens.extension.proto.SignedManifest;
import org.juicetokens.extension.runtime.ExtensionHost;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.Settings;

import java.util.List;
import java.util.function.Supplier;

/**
 * The extension registry of one node: the node-local Addresses.EXTENSION_* entry points driving
 * the {@link ExtensionRuntime}, the runtime's faults persisted (ERROR / DISABLED with the reason),
 * the "extensions" health procedure and the per-state gauge. At start the stored registry comes
 * back and what was ACTIVE is activated again. Wiring only: the logic is in {@link ExtensionRegistry}.
 * The node's verticle builds its {@link ExtensionHost} in start (the host's dispatch runs on this
 * verticle's context) and closes it on stop, which stops the extensions without changing their
 * stored state: a restart activates them again.
 */
public final class ExtensionVerticle extends VerticleBase {
  private final NodeContext node;
  private ExtensionRuntime runtime;
  private ExtensionHost host;
  private ExtensionRegistry registry;
  private volatile boolean restored;

  /** The node's registry over its own {@link ExtensionHost}. */
  public ExtensionVerticle(NodeContext node) {
    this.node = node;
  }

  /** The registry over a runtime someone else starts and stops. */
  public ExtensionVerticle(NodeContext node, ExtensionRuntime runtime) {
    this.node = node;
    this.runtime = runtime;
  }

  @Override
  public Future<?> start() {
    if (runtime == null) {
      host = new ExtensionHost(vertx, node);
      runtime = host;
    }
    long timeoutMs = node.config().requestTimeoutMs();
    registry = new ExtensionRegistry(new StoredExtensions(vertx.eventBus(), timeoutMs, node.config().integer(Settings.STORAGE_MAX_SCAN)),
      runtime, new ManifestCheck(node.config().list(Settings.EXTENSION_TRUSTED_PUBLISHERS)), System::currentTimeMillis);
    // the runtime may report from any thread: the registry's changes run on this verticle's event loop
    runtime.onFault((id, state, reason) -> context.runOnContext(v -> op("fault", id + " " + state,
      () -> registry.fault(id, state, reason))));

    for (ExtensionState state : registry.counts().keySet()) {
      Gauge.builder("juice.extension.records", () -> registry.counts().get(state)).tag("state", state.name())
        .description("Extensions registered on this node per state").register(node.registry());
    }
    node.health().register(ExtensionHealth.ID, promise -> promise.complete(Status.OK(ExtensionHealth.data(registry.counts(), restored))));
    // the entry points open once the stored registry is back: a registration cannot race the restore
    return (host == null ? Future.<Void>succeededFuture() : host.start())
      .compose(v -> op("restore", "registry", () -> registry.restore()))
      .onSuccess(records -> restored = true)
      .compose(records -> Future.all(serve(vertx.eventBus()).stream().map(MessageConsumer::completion).toList()));
  }

  private List<MessageConsumer<?>> serve(EventBus bus) {
    return List.of(
      Bus.serveLocal(bus, Addresses.EXTENSION_REGISTER, SignedManifest.class, r -> op("register", r.getManifest().getId(),
        () -> registry.register(r).map(this::view))),
      Bus.serveLocal(bus, Addresses.EXTENSION_LIST, ListExtensionsRequest.class, r -> Future.succeededFuture(
        ListExtensionsReply.newBuilder().addAllExtensions(registry.list().stream().map(this::view).toList()).build())),
      Bus.serveLocal(bus, Addresses.EXTENSION_GET, ExtensionIdRequest.class, r -> Future.succeededFuture(view(registry.get(r.getId())))),
      Bus.serveLocal(bus, Addresses.EXTENSION_ACTIVATE, ExtensionIdRequest.class, r -> op("activate", r.getId(),
        () -> registry.activate(r.getId()).map(this::view))),
      Bus.serveLocal(bus, Addresses.EXTENSION_PAUSE, ExtensionIdRequest.class, r -> op("pause", r.getId(),
        () -> registry.pause(r.getId()).map(this::view))),
      Bus.serveLocal(bus, Addresses.EXTENSION_DISABLE, ExtensionIdRequest.class, r -> op("disable", r.getId(),
        () -> registry.disable(r.getId()).map(this::view))));
  }

  @Override
  public Future<?> stop() {
    node.health().unregister(ExtensionHealth.ID);
    return host == null ? Future.succeededFuture() : host.close();
  }

  private ExtensionView view(ExtensionRecord record) {
    return ExtensionViews.view(record, runtime);
  }

  private <T> Future<T> op(String operation, String detail, Supplier<Future<T>> work) {
    return node.instrumented().run(Layer.EXTENSION, operation, detail, work);
  }
}
