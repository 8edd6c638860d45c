package org.juicetokens.api.http;

import io.vertx.ext.web.Router;
import org.juicetokens.api.v1.ChallengeRequest;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.IdentityRequest;
import org.juicetokens.api.v1.IdentityServiceService;
import org.juicetokens.api.v1.ProveRequest;
import org.juicetokens.api.v1.RevokeIdentityRequest;
import org.juicetokens.api.v1.RotateKeyRequest;
import org.juicetokens.api.v1.VerifyProofRequest;

/**
 * The HTTP/JSON routes of identity.proto's IdentityService. The custom verbs
 * ({@code /identities/{id}:rotate}) are regex routes: in a plain vertx-web path ":rotate" would be a
 * path variable. The id from the path wins over one in the body, as in transcoding.
 */
final class IdentityRoutes {
  private static final String IDENTITIES = ApiRoutes.PREFIX + "/identities";

  private IdentityRoutes() {
  }

  static void mount(Router router, IdentityServiceService identity) {
    router.post(IDENTITIES).handler(JsonCall.withBody(CreateIdentityRequest::newBuilder, (ctx, b) -> { }, b -> identity.createIdentity(b.build())));
    router.postWithRegex(verb("rotate")).handler(JsonCall.withBody(RotateKeyRequest::newBuilder,
      (ctx, b) -> b.setId(ctx.pathParam("param0")), b -> identity.rotateKey(b.build())));
    router.postWithRegex(verb("revoke")).handler(JsonCall.withBody(RevokeIdentityRequest::newBuilder,
      (ctx, b) -> b.setId(ctx.pathParam("param0")), b -> identity.revokeIdentity(b.build())));
    router.postWithRegex(verb("challenge")).handler(JsonCall.withBody(ChallengeRequest::newBuilder,
      (ctx, b) -> b.setId(ctx.pathParam("param0")), b -> identity.createChallenge(b.build())));
    router.postWithRegex(verb("prove")).handler(JsonCall.withBody(ProveRequest::newBuilder,
      (ctx, b) -> b.setId(ctx.pathParam("param0")), b -> identity.prove(b.build())));
    router.postWithRegex(verb("verifyProof")).handler(JsonCall.withBody(VerifyProofRequest::newBuilder,
      (ctx, b) -> b.setId(ctx.pathParam("param0")), b -> identity.verifyProof(b.build())));
    router.get(IDENTITIES + "/:id").handler(JsonCall.withPath(IdentityRequest::newBuilder,
      (ctx, b) -> b.setId(ctx.pathParam("id")), b -> identity.getIdentity(b.build())));
  }

  private static String verb(String name) {
    return "/api/v1/identities/([^/:]+):" + name;
  }
}
