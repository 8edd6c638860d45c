package org.juicetokens.api.http;

import io.vertx.ext.web.Router;
import org.juicetokens.api.v1.RenewalServiceService;
import org.juicetokens.common.JuiceException;
import org.juicetokens.lifecycle.renewal.proto.NoticesRequest;
import org.juicetokens.lifecycle.renewal.proto.RenewRequest;

/** The HTTP/JSON routes of renewal.proto's RenewalService (the POST is mutating: ApiRoutes' bearer check runs first). */
final class RenewalRoutes {
  private RenewalRoutes() {
  }

  static void mount(Router router, RenewalServiceService renewals) {
    // a regex route: in a plain vertx-web path ":renew" would be a path variable
    router.postWithRegex("/api/v1/tokens/([^/:]+):renew").handler(JsonCall.withBody(RenewRequest::newBuilder,
      (ctx, b) -> b.setTokenId(ctx.pathParam("param0")), b -> renewals.renew(b.build())));
    router.get(ApiRoutes.PREFIX + "/identities/:id/notices").handler(JsonCall.withPath(NoticesRequest::newBuilder, (ctx, b) -> {
      b.setIdentityId(ctx.pathParam("id"));
      String limit = ctx.queryParams().get("limit");
      if (limit != null && !limit.isBlank()) {
        try {
          b.setLimit(Integer.parseInt(limit.trim()));
        } catch (NumberFormatException e) {
          throw JuiceException.invalidArgument("limit must be a whole number");
        }
      }
    }, b -> renewals.listNotices(b.build())));
  }
}
