package org.juicetokens.extension;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.juicetokens.extension.proto.ExtensionManifest;
import org.juicetokens.extension.proto.ExtensionState;

/**
 * What the registry asks of the runtime that runs extensions on this node. The registry owns the
 * persisted state; the runtime owns the running verticles and reports the faults it cuts off.
 */
public interface ExtensionRuntime {
  /**
   * Loads the manifest's entry class (class path, or the named jar in the extensions directory),
   * deploys its verticle, calls start and begins delivering the permitted hook events. Fails with
   * the reason (class not found, not a JuiceExtension, start failed or timed out).
   */
  Future<Void> activate(ExtensionManifest manifest);

  /** Stops delivering events; the verticle is undeployed (stop called). Succeeds if not running. */
  Future<Void> deactivate(String extensionId);

  /** Whether the extension's verticle is running now. */
  boolean running(String extensionId);

  /** Per-extension usage for the registry's answers: invocations, errors, latency, breaker state. */
  JsonObject usage(String extensionId);

  /**
   * Called when the runtime cut an extension off (its breaker opened too often, or its start or
   * stop failed): the registry persists {@code state} (ERROR or DISABLED) with the reason.
   */
  void onFault(FaultListener listener);

  @FunctionalInterface
  interface FaultListener {
    void faulted(String extensionId, ExtensionState state, String reason);
  }
}
