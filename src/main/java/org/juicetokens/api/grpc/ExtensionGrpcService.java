package org.juicetokens.api.grpc;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.api.v1.ExtensionIdRequest;
import org.juicetokens.api.v1.ExtensionServiceService;
import org.juicetokens.api.v1.ExtensionView;
import org.juicetokens.api.v1.ListExtensionsReply;
import org.juicetokens.api.v1.ListExtensionsRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.extension.proto.SignedManifest;

/**
 * {@code juicetokens.api.v1.ExtensionService}: one request to this node's extension registry. An
 * activation loads classes and starts the extension (bounded by the runtime's own timeout), a pause
 * or disable stops it: those wait longer than a read.
 */
public final class ExtensionGrpcService extends ExtensionServiceService {
  private final EventBus bus;
  private final long timeoutMs;

  public ExtensionGrpcService(EventBus bus, long timeoutMs) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public Future<ExtensionView> registerExtension(SignedManifest request) {
    return LayerCalls.ask(bus, Addresses.EXTENSION_REGISTER, request, 2 * timeoutMs, ExtensionView.class);
  }

  @Override
  public Future<ListExtensionsReply> listExtensions(ListExtensionsRequest request) {
    return LayerCalls.ask(bus, Addresses.EXTENSION_LIST, request, timeoutMs, ListExtensionsReply.class);
  }

  @Override
  public Future<ExtensionView> getExtension(ExtensionIdRequest request) {
    return LayerCalls.ask(bus, Addresses.EXTENSION_GET, request, timeoutMs, ExtensionView.class);
  }

  @Override
  public Future<ExtensionView> activateExtension(ExtensionIdRequest request) {
    return LayerCalls.ask(bus, Addresses.EXTENSION_ACTIVATE, request, 4 * timeoutMs, ExtensionView.class);
  }

  @Override
  public Future<ExtensionView> pauseExtension(ExtensionIdRequest request) {
    return LayerCalls.ask(bus, Addresses.EXTENSION_PAUSE, request, 4 * timeoutMs, ExtensionView.class);
  }

  @Override
  public Future<ExtensionView> disableExtension(ExtensionIdRequest request) {
    return LayerCalls.ask(bus, Addresses.EXTENSION_DISABLE, request, 4 * timeoutMs, ExtensionView.class);
  }
}
