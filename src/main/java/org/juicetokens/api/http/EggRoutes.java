package org.juicetokens.api.http;

import io.vertx.ext.web.Router;
import org.juicetokens.api.v1.CreateGenesisPoolRequest;
import org.juicetokens.api.v1.EggServiceService;
import org.juicetokens.api.v1.FertilizeEggRequest;
import org.juicetokens.api.v1.GenerateEggsRequest;
import org.juicetokens.api.v1.GetEggRequest;

/**
 * The HTTP/JSON routes of egg.proto's EggService over the same service object as gRPC. The POSTs
 * are mutating: ApiRoutes' bearer check runs before them.
 */
final class EggRoutes {
  private EggRoutes() {
  }

  static void mount(Router router, EggServiceService eggs) {
    router.post(ApiRoutes.PREFIX + "/genesis-pools").handler(JsonCall.withBody(CreateGenesisPoolRequest::newBuilder, (ctx, b) -> { },
      b -> eggs.createGenesisPool(b.build())));
    // regex routes: in a plain vertx-web path ":generate" would be a path variable
    router.postWithRegex("/api/v1/eggs:generate").handler(JsonCall.withBody(GenerateEggsRequest::newBuilder, (ctx, b) -> { },
      b -> eggs.generateEggs(b.build())));
    router.postWithRegex("/api/v1/eggs/(?<id>[^/:]+):fertilize").handler(JsonCall.withBody(FertilizeEggRequest::newBuilder,
      (ctx, b) -> b.setId(ctx.pathParam("id")), b -> eggs.fertilizeEgg(b.build())));
    router.get(ApiRoutes.PREFIX + "/eggs/:id").handler(JsonCall.withPath(GetEggRequest::newBuilder,
      (ctx, b) -> b.setId(ctx.pathParam("id")), b -> eggs.getEgg(b.build())));
  }
}
