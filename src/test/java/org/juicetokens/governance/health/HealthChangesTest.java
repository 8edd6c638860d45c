package org.juicetokens.governance.health;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HealthChangesTest {
  private static ComponentVerdict c(String id, ComponentStatus status) {
    return new ComponentVerdict(id, status, null, status == ComponentStatus.UP ? "" : "because", new JsonObject());
  }

  private static HealthVerdict verdict(ComponentVerdict... components) {
    return new HealthVerdict(List.of(components).stream().map(ComponentVerdict::status).reduce(ComponentStatus.UP, ComponentStatus::worst),
      List.of(components));
  }

  @Test
  void the_first_evaluation_is_published_then_only_changes() {
    HealthChanges changes = new HealthChanges("a");
    JsonObject first = changes.next(verdict(c("dht", ComponentStatus.UP), c("time", ComponentStatus.UP)), 1).orElseThrow();
    assertThat(first.getString("overall")).isEqualTo("UP");
    assertThat(first.containsKey("previousOverall")).isFalse();
    assertThat(first.getJsonArray("changes")).hasSize(2);
    assertThat(changes.next(verdict(c("dht", ComponentStatus.UP), c("time", ComponentStatus.UP)), 2)).isEmpty();

    JsonObject degraded = changes.next(verdict(c("dht", ComponentStatus.UP), c("time", ComponentStatus.DEGRADED)), 3).orElseThrow();
    assertThat(degraded.getString("nodeId")).isEqualTo("a");
    assertThat(degraded.getLong("atMs")).isEqualTo(3);
    assertThat(degraded.getString("overall")).isEqualTo("DEGRADED");
    assertThat(degraded.getString("previousOverall")).isEqualTo("UP");
    assertThat(degraded.getJsonArray("changes")).containsExactly(new JsonObject()
      .put("component", "time").put("status", "DEGRADED").put("previous", "UP").put("reason", "because"));
    assertThat(degraded.getJsonObject("components").getString("dht")).isEqualTo("UP");
  }

  @Test
  void a_component_that_changes_without_moving_the_overall_is_still_published_and_a_removed_one_too() {
    HealthChanges changes = new HealthChanges("a");
    changes.next(verdict(c("dht", ComponentStatus.DOWN), c("time", ComponentStatus.UP)), 1);
    Optional<JsonObject> event = changes.next(verdict(c("dht", ComponentStatus.DOWN), c("time", ComponentStatus.DEGRADED)), 2);
    assertThat(event).isPresent();
    assertThat(event.get().getString("overall")).isEqualTo("DOWN");
    JsonObject removed = changes.next(verdict(c("dht", ComponentStatus.DOWN)), 3).orElseThrow();
    assertThat(removed.getJsonArray("changes").getJsonObject(0).getString("status")).isEqualTo(HealthChanges.REMOVED);
  }
}
