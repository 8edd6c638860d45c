package org.juicetokens.extension;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.api.v1.ExtensionView;
import org.juicetokens.api.v1.ListExtensionsReply;
import org.juicetokens.api.v1.ListExtensionsRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.JuiceException;
import org.juicetokens.extension.proto.ExtensionState;
import org.juicetokens.governance.admin.AdminSection;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.governance.metrics.OperationStats;

/**
 * The "extensions" part of the admin snapshot: the registry of this node (every state counted),
 * each extension with its state and reason, capabilities with their impact, and the runtime's usage
 * figures (invocations, errors, latency, breaker), plus the instrumented registry operations.
 */
public final class ExtensionAdminSection implements AdminSection {
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

  @Override
  public String name() {
    return "extensions";
  }

  @Override
  public Future<JsonObject> gather(EventBus bus, long timeoutMs, OperationStats stats) {
    return Bus.request(bus, Addresses.EXTENSION_LIST, ListExtensionsRequest.getDefaultInstance(), timeoutMs, ListExtensionsReply.class)
      .map(reply -> toJson(reply, stats));
  }

  static JsonObject toJson(ListExtensionsReply reply, OperationStats stats) {
    JsonObject byState = new JsonObject();
    for (ExtensionState state : ExtensionState.values()) {
      if (state != ExtensionState.STATE_UNSPECIFIED && state != ExtensionState.UNRECOGNIZED) {
        byState.put(state.name(), reply.getExtensionsList().stream().filter(e -> e.getState() == state).count());
      }
    }
    JsonArray rows = new JsonArray();
    for (ExtensionView e : reply.getExtensionsList()) {
      JsonArray capabilities = new JsonArray();
      e.getCapabilitiesList().forEach(c -> capabilities.add(new JsonObject().put("name", c.getName()).put("impact", c.getImpact().name())
        .put("requires", c.getRequires())));
      rows.add(new JsonObject().put("id", e.getId()).put("name", e.getName()).put("version", e.getVersion())
        .put("state", e.getState().name()).put("reason", e.getReason()).put("running", e.getRunning())
        .put("hooks", new JsonArray(e.getHooksList())).put("permissions", new JsonArray(e.getPermissionsList()))
        .put("capabilities", capabilities).put("usage", usage(e)));
    }
    return new JsonObject().put("byState", byState).put("extensions", rows).put("instrumented", stats.layerTotals(Layer.EXTENSION));
  }

  private static JsonObject usage(ExtensionView e) {
    try {
      return new JsonObject(PRINTER.print(e.getUsage()));
    } catch (InvalidProtocolBufferException ex) {
      throw JuiceException.internal("unprintable usage of " + e.getId(), ex);
    }
  }
}
