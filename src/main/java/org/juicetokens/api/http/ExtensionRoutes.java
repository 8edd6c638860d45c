package org.juicetokens.api.http;

import io.vertx.ext.web.Router;
import org.juicetokens.api.v1.ExtensionIdRequest;
import org.juicetokens.api.v1.ExtensionServiceService;
import org.juicetokens.api.v1.ListExtensionsRequest;
import org.juicetokens.extension.proto.SignedManifest;

/**
 * The HTTP/JSON routes of extension.proto's ExtensionService over the same service object as gRPC.
 * The POSTs are mutating: ApiRoutes' bearer check runs before them. GET /api/v1/extensions/{id}
 * leaves /api/v1/extensions/notifications (the extensions' SSE stream) to its own route.
 */
final class ExtensionRoutes {
  private ExtensionRoutes() {
  }

  static void mount(Router router, ExtensionServiceService extensions) {
    router.post(ApiRoutes.PREFIX + "/extensions").handler(JsonCall.withBody(SignedManifest::newBuilder, (ctx, b) -> { },
      b -> extensions.registerExtension(b.build())));
    router.get(ApiRoutes.PREFIX + "/extensions").handler(JsonCall.of(ListExtensionsRequest::newBuilder,
      b -> extensions.listExtensions(b.build())));
    router.getWithRegex("/api/v1/extensions/(?!notifications$)(?<id>[^/:]+)").handler(JsonCall.withPath(ExtensionIdRequest::newBuilder,
      (ctx, b) -> b.setId(ctx.pathParam("id")), b -> extensions.getExtension(b.build())));
    // regex routes: in a plain vertx-web path ":activate" would be a path variable
    router.postWithRegex("/api/v1/extensions/(?<id>[^/:]+):activate").handler(JsonCall.withBody(ExtensionIdRequest::newBuilder,
      (ctx, b) -> b.setId(ctx.pathParam("id")), b -> extensions.activateExtension(b.build())));
    router.postWithRegex("/api/v1/extensions/(?<id>[^/:]+):pause").handler(JsonCall.withBody(ExtensionIdRequest::newBuilder,
      (ctx, b) -> b.setId(ctx.pathParam("id")), b -> extensions.pauseExtension(b.build())));
    router.postWithRegex("/api/v1/extensions/(?<id>[^/:]+):disable").handler(JsonCall.withBody(ExtensionIdRequest::newBuilder,
      (ctx, b) -> b.setId(ctx.pathParam("id")), b -> extensions.disableExtension(b.build())));
  }
}
