package org.juicetokens.api.http;

import io.vertx.ext.web.Router;
import org.juicetokens.api.v1.TrustServiceService;
import org.juicetokens.trust.attestation.proto.CreateAttestationRequest;
import org.juicetokens.trust.attestation.proto.ListAttestationsRequest;
import org.juicetokens.trust.attestation.proto.ReputationRequest;
import org.juicetokens.common.JuiceException;
import org.juicetokens.trust.attestation.proto.RevokeAttestationRequest;
import org.juicetokens.trust.attestation.proto.TrustRequest;

/**
 * The HTTP/JSON routes of trust.proto's TrustService, each calling the same service object as gRPC.
 * The two POSTs are mutating: ApiRoutes' bearer check runs before them.
 */
final class TrustRoutes {
  private TrustRoutes() {
  }

  static void mount(Router router, TrustServiceService trust) {
    router.post(ApiRoutes.PREFIX + "/attestations").handler(JsonCall.withBody(CreateAttestationRequest::newBuilder, (ctx, b) -> { },
      b -> trust.createAttestation(b.build())));
    // a regex route: in a plain vertx-web path ":revoke" would be a path variable
    router.postWithRegex("/api/v1/attestations/([^/:]+):revoke").handler(JsonCall.withBody(RevokeAttestationRequest::newBuilder,
      (ctx, b) -> b.setAttestationId(ctx.pathParam("param0")), b -> trust.revokeAttestation(b.build())));
    router.get(ApiRoutes.PREFIX + "/identities/:id/attestations").handler(JsonCall.withPath(ListAttestationsRequest::newBuilder,
      (ctx, b) -> b.setSubjectId(ctx.pathParam("id")), b -> trust.listAttestations(b.build())));
    router.get(ApiRoutes.PREFIX + "/identities/:id/reputation").handler(JsonCall.withPath(ReputationRequest::newBuilder,
      (ctx, b) -> b.setIdentityId(ctx.pathParam("id")), b -> trust.getReputation(b.build())));
    CommunityRoutes.mount(router, trust);
    router.get(ApiRoutes.PREFIX + "/identities/:id/trust").handler(JsonCall.withPath(TrustRequest::newBuilder, (ctx, b) -> {
      b.setToId(ctx.pathParam("id"));
      String from = ctx.queryParams().get("from");
      b.setFromId(from == null ? "" : from);
      b.setMaxDepth(depth(ctx.queryParams().get("maxDepth")));
    }, b -> trust.getTrust(b.build())));
  }

  private static int depth(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw JuiceException.invalidArgument("maxDepth must be a whole number");
    }
  }
}
