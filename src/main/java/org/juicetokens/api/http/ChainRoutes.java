package org.juicetokens.api.http;

import io.vertx.ext.web.Router;
import org.juicetokens.api.v1.ChainServiceService;
import org.juicetokens.common.JuiceException;
import org.juicetokens.trust.chain.proto.ChainGetRequest;
import org.juicetokens.trust.chain.proto.ChainVerifyRequest;

/** The HTTP/JSON routes of chain.proto's ChainService, calling the same service object as gRPC. */
final class ChainRoutes {
  private ChainRoutes() {
  }

  static void mount(Router router, ChainServiceService chains) {
    // a regex route: in a plain vertx-web path ":verify" would be a path variable
    router.getWithRegex("/api/v1/identities/(?<id>[^/:]+)/chain:verify").handler(JsonCall.withPath(ChainVerifyRequest::newBuilder,
      (ctx, b) -> b.setIdentityId(ctx.pathParam("id")), b -> chains.verifyChain(b.build())));
    router.get(ApiRoutes.PREFIX + "/identities/:id/chain").handler(JsonCall.withPath(ChainGetRequest::newBuilder, (ctx, b) -> {
      b.setIdentityId(ctx.pathParam("id"));
      b.setLimit((int) number(ctx.queryParams().get("limit"), "limit"));
      b.setFromSequence(number(ctx.queryParams().get("from"), "from"));
    }, b -> chains.getChain(b.build())));
  }

  private static long number(String text, String name) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw JuiceException.invalidArgument(name + " must be a whole number");
    }
  }
}
