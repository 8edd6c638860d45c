package org.juicetokens.extension;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.juicetokens.extension.proto.ExtensionManifest;
import org.juicetokens.extension.proto.ExtensionState;
import org.juicetokens.extension.spi.JuiceExtension;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small ExtensionRuntime for the registry's tests (test code only): activation loads the entry
 * class from the class path and requires a JuiceExtension, as the real runtime does, but runs no
 * verticle; it remembers what runs and lets a test raise a fault.
 */
final class TestRuntime implements ExtensionRuntime {
  final Set<String> running = ConcurrentHashMap.newKeySet();
  final List<String> activations = new CopyOnWriteArrayList<>();
  final Map<String, Integer> invocations = new ConcurrentHashMap<>();
  private final List<FaultListener> listeners = new CopyOnWriteArrayList<>();
  volatile boolean failStops;

  @Override
  public Future<Void> activate(ExtensionManifest manifest) {
    Class<?> type;
    try {
      type = Class.forName(manifest.getEntryClass());
    } catch (ClassNotFoundException e) {
      return Future.failedFuture("class " + manifest.getEntryClass() + " not found");
    }
    if (!JuiceExtension.class.isAssignableFrom(type)) {
      return Future.failedFuture(manifest.getEntryClass() + " is not a JuiceExtension");
    }
    activations.add(manifest.getId());
    running.add(manifest.getId());
    invocations.merge(manifest.getId(), 0, Integer::sum);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> deactivate(String extensionId) {
    if (failStops) {
      return Future.failedFuture("stop of " + extensionId + " timed out");
    }
    running.remove(extensionId);
    return Future.succeededFuture();
  }

  @Override
  public boolean running(String extensionId) {
    return running.contains(extensionId);
  }

  @Override
  public JsonObject usage(String extensionId) {
    return new JsonObject().put("invocations", invocations.getOrDefault(extensionId, 0)).put("errors", 0).put("meanLatencyMs", 0.5);
  }

  @Override
  public void onFault(FaultListener listener) {
    listeners.add(listener);
  }

  /** As the real runtime does when it cuts an extension off. */
  void fault(String id, ExtensionState state, String reason) {
    running.remove(id);
    listeners.forEach(l -> l.faulted(id, state, reason));
  }
}
