package org.juicetokens.api.http;

import io.vertx.ext.web.Router;
import org.juicetokens.api.v1.BalanceRequest;
import org.juicetokens.api.v1.ListTokensRequest;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.api.v1.TokenRequest;
import org.juicetokens.api.v1.TokenServiceService;

/**
 * The HTTP/JSON routes of token.proto's TokenService, each calling the same service object as gRPC.
 * The mint (POST) is mutating: ApiRoutes' bearer check runs before it.
 */
final class TokenRoutes {
  private TokenRoutes() {
  }

  static void mount(Router router, TokenServiceService tokens) {
    // a regex route: in a plain vertx-web path ":mint" would be a path variable
    router.postWithRegex("/api/v1/tokens:mint").handler(JsonCall.withBody(MintRequest::newBuilder, (ctx, b) -> { },
      b -> tokens.mintTokens(b.build())));
    router.get(ApiRoutes.PREFIX + "/tokens/:tokenId/history").handler(JsonCall.withPath(TokenRequest::newBuilder,
      (ctx, b) -> b.setTokenId(ctx.pathParam("tokenId")), b -> tokens.getTokenHistory(b.build())));
    router.get(ApiRoutes.PREFIX + "/tokens/:tokenId").handler(JsonCall.withPath(TokenRequest::newBuilder,
      (ctx, b) -> b.setTokenId(ctx.pathParam("tokenId")), b -> tokens.getToken(b.build())));
    router.get(ApiRoutes.PREFIX + "/identities/:id/balance").handler(JsonCall.withPath(BalanceRequest::newBuilder,
      (ctx, b) -> b.setId(ctx.pathParam("id")), b -> tokens.getBalance(b.build())));
    router.get(ApiRoutes.PREFIX + "/identities/:id/tokens").handler(JsonCall.withPath(ListTokensRequest::newBuilder, (ctx, b) -> {
      b.setId(ctx.pathParam("id"));
      String limit = ctx.queryParams().get("limit");
      if (limit != null && !limit.isBlank()) {
        b.setLimit(Integer.parseInt(limit.trim()));
      }
    }, b -> tokens.listTokens(b.build())));
  }
}
