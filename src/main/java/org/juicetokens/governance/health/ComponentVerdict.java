package org.juicetokens.governance.health;

import io.vertx.core.json.JsonObject;

/**
 * One component's evaluated health: its status, its measured load (null when the component
 * measures none), why it is not UP (empty when it is) and its procedure's data.
 */
public record ComponentVerdict(String id, ComponentStatus status, Double loadPercent, String reason, JsonObject data) {
}
