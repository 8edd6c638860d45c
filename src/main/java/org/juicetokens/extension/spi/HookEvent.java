package org.juicetokens.extension.spi;

import io.vertx.core.json.JsonObject;

/**
 * One event delivered to an extension: the hook, when the node saw it, the node that saw it, and
 * its data as JSON (the proto3 JSON of the layer's event, e.g. a TransferEvent for
 * {@code transaction.state}). The data is a copy: an extension cannot change what others see.
 */
public record HookEvent(Hook hook, long atMs, String nodeId, JsonObject data) {
}
