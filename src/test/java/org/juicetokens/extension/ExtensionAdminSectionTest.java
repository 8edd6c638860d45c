package org.juicetokens.extension;

import io.vertx.core.json.JsonObject;
import org.juicetokens.api.v1.ExtensionView;
import org.juicetokens.api.v1.ListExtensionsReply;
import org.juicetokens.extension.proto.ExtensionRecord;
import org.juicetokens.extension.proto.ExtensionState;
import org.juicetokens.governance.metrics.OperationStats;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExtensionAdminSectionTest {
  @Test
  void the_section_lists_state_capability_impact_and_usage_and_counts_every_state() {
    TestRuntime runtime = new TestRuntime();
    runtime.invocations.put("watcher", 7);
    ExtensionRecord record = ExtensionRecord.newBuilder().setSigned(Manifests.signed("watcher")).setState(ExtensionState.ERROR)
      .setReason("activation failed: class x not found").build();
    ExtensionView view = ExtensionViews.view(record, runtime);
    JsonObject section = ExtensionAdminSection.toJson(ListExtensionsReply.newBuilder().addExtensions(view).build(), new OperationStats());

    assertThat(section.getJsonObject("byState").getMap()).containsEntry("ERROR", 1L).containsEntry("ACTIVE", 0L).hasSize(5);
    JsonObject row = section.getJsonArray("extensions").getJsonObject(0);
    assertThat(row.getString("state")).isEqualTo("ERROR");
    assertThat(row.getString("reason")).isEqualTo("activation failed: class x not found");
    assertThat(row.getJsonArray("capabilities").getJsonObject(0).getString("impact")).isEqualTo("LOW");
    assertThat(row.getJsonObject("usage").getInteger("invocations")).isEqualTo(7);
    assertThat(row.getJsonObject("usage").getDouble("meanLatencyMs")).isEqualTo(0.5);
  }

  @Test
  void health_is_degraded_while_an_extension_is_in_error_and_never_down() {
    Map<ExtensionState, Integer> counts = new EnumMap<>(ExtensionState.class);
    counts.put(ExtensionState.ACTIVE, 2);
    counts.put(ExtensionState.ERROR, 0);
    assertThat(ExtensionHealth.data(counts, true).getString("status")).isEqualTo("UP");
    counts.put(ExtensionState.ERROR, 1);
    JsonObject degraded = ExtensionHealth.data(counts, true);
    assertThat(degraded.getString("status")).isEqualTo("DEGRADED");
    assertThat(degraded.getInteger("registered")).isEqualTo(3);
    assertThat(degraded.getString("reason")).isEqualTo("1 extension(s) in ERROR");
  }
}
