package org.juicetokens.extension;

import io.vertx.core.json.JsonObject;
import org.juicetokens.api.v1.ExtensionIdRequest;
import org.juicetokens.api.v1.ExtensionView;
import org.juicetokens.api.v1.ListExtensionsReply;
import org.juicetokens.api.v1.ListExtensionsRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.extension.proto.ExtensionState;
import org.juicetokens.extension.runtime.testext.ThrowingExtension;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.InJvmClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.extension.Manifests.manifest;
import static org.juicetokens.extension.Manifests.signed;

/**
 * The registry survives a node restart (same data directory and node id): what was ACTIVE runs
 * again, PAUSED and REGISTERED stay as they were, and an extension the runtime cut off (DISABLED
 * with the reason, persisted from the runtime's fault) is not started again.
 */
class ExtensionRestartTest {
  // one failure opens the breaker, one opening disables: the throwing extension is cut off after its first events
  static final Map<String, String> SETTINGS = Map.of("extension.maxFailures", "1", "extension.maxBreakerOpens", "1",
    "extension.resetTimeoutMs", "200");

  @Test
  void a_restart_keeps_the_registry_and_re_activates_what_was_active(@TempDir Path tmp) throws Exception {
    JuiceNode node = InJvmClusters.startCluster(tmp, List.of("extrestart"), SETTINGS).get(0);
    try {
      ask(node, Addresses.EXTENSION_REGISTER, signed("keeps-running"), ExtensionView.class);
      ask(node, Addresses.EXTENSION_REGISTER, signed("stays-paused"), ExtensionView.class);
      ask(node, Addresses.EXTENSION_REGISTER, signed("never-activated"), ExtensionView.class);
      ask(node, Addresses.EXTENSION_REGISTER, signed(manifest("throws-always").clearHooks().clearPermissions().clearCapabilities()
        .addHooks("health.changed").setEntryClass(ThrowingExtension.class.getName())), ExtensionView.class);
      assertThat(change(node, Addresses.EXTENSION_ACTIVATE, "keeps-running").getState()).isEqualTo(ExtensionState.ACTIVE);
      assertThat(change(node, Addresses.EXTENSION_ACTIVATE, "stays-paused").getState()).isEqualTo(ExtensionState.ACTIVE);
      assertThat(change(node, Addresses.EXTENSION_PAUSE, "stays-paused").getState()).isEqualTo(ExtensionState.PAUSED);
      assertThat(change(node, Addresses.EXTENSION_ACTIVATE, "throws-always").getState()).isEqualTo(ExtensionState.ACTIVE);

      // the runtime cuts the throwing extension off; the registry stores why
      long deadline = System.currentTimeMillis() + 30_000;
      ExtensionView cut = change(node, Addresses.EXTENSION_GET, "throws-always");
      while (cut.getState() == ExtensionState.ACTIVE && System.currentTimeMillis() < deadline) {
        node.vertx().eventBus().publish(Addresses.HEALTH_CHANGED, new JsonObject().put("status", "UP"));
        Thread.sleep(100);
        cut = change(node, Addresses.EXTENSION_GET, "throws-always");
      }
      assertThat(cut.getState()).isEqualTo(ExtensionState.DISABLED);
      assertThat(cut.getReason()).isNotBlank();
      assertThat(cut.getRunning()).isFalse();
    } finally {
      InJvmClusters.closeAll(List.of(node));
    }

    node = InJvmClusters.startCluster(tmp, List.of("extrestart"), SETTINGS).get(0);
    try {
      List<ExtensionView> views = ask(node, Addresses.EXTENSION_LIST, ListExtensionsRequest.getDefaultInstance(), ListExtensionsReply.class)
        .getExtensionsList();
      assertThat(views).extracting(ExtensionView::getId).containsExactly("keeps-running", "never-activated", "stays-paused", "throws-always");
      ExtensionView running = views.get(0);
      assertThat(running.getState()).isEqualTo(ExtensionState.ACTIVE);
      assertThat(running.getRunning()).as("re-activated at start").isTrue();
      assertThat(views.get(1).getState()).isEqualTo(ExtensionState.REGISTERED);
      assertThat(views.get(1).getRunning()).isFalse();
      assertThat(views.get(2).getState()).isEqualTo(ExtensionState.PAUSED);
      assertThat(views.get(2).getRunning()).isFalse();
      assertThat(views.get(3).getState()).isEqualTo(ExtensionState.DISABLED);
      assertThat(views.get(3).getRunning()).isFalse();
      JsonObject health = node.context().health().checkStatus(ExtensionHealth.ID).await(10, TimeUnit.SECONDS).getData();
      assertThat(health.getString("status")).isEqualTo("UP");
      assertThat(health.getBoolean("restored")).isTrue();
      assertThat(health.getJsonObject("byState").getInteger("ACTIVE")).isEqualTo(1);
    } finally {
      InJvmClusters.closeAll(List.of(node));
    }
  }

  private static ExtensionView change(JuiceNode node, String address, String id) throws Exception {
    return ask(node, address, ExtensionIdRequest.newBuilder().setId(id).build(), ExtensionView.class);
  }

  private static <R extends com.google.protobuf.Message> R ask(JuiceNode node, String address, com.google.protobuf.Message request,
                                                              Class<R> type) throws Exception {
    return Bus.request(node.vertx().eventBus(), address, request, 20_000, type).await(30, TimeUnit.SECONDS);
  }
}
