package org.juicetokens.api.http;

import io.vertx.ext.web.Router;
import org.juicetokens.api.v1.TrustServiceService;
import org.juicetokens.trust.attestation.proto.ApproveCommunityAttestationRequest;
import org.juicetokens.trust.attestation.proto.CreateCommunityRequest;
import org.juicetokens.trust.attestation.proto.GetCommunityAttestationRequest;
import org.juicetokens.trust.attestation.proto.GetCommunityRequest;
import org.juicetokens.trust.attestation.proto.ProposeCommunityAttestationRequest;

/** The community routes of trust.proto's TrustService (the POSTs pass ApiRoutes' bearer check like every mutating route). */
final class CommunityRoutes {
  private CommunityRoutes() {
  }

  static void mount(Router router, TrustServiceService trust) {
    router.post(ApiRoutes.PREFIX + "/communities").handler(JsonCall.withBody(CreateCommunityRequest::newBuilder, (ctx, b) -> { },
      b -> trust.createCommunity(b.build())));
    router.get(ApiRoutes.PREFIX + "/communities/:id").handler(JsonCall.withPath(GetCommunityRequest::newBuilder,
      (ctx, b) -> b.setCommunityId(ctx.pathParam("id")), b -> trust.getCommunity(b.build())));
    router.post(ApiRoutes.PREFIX + "/communities/:id/attestations").handler(JsonCall.withBody(ProposeCommunityAttestationRequest::newBuilder,
      (ctx, b) -> b.setCommunityId(ctx.pathParam("id")), b -> trust.proposeCommunityAttestation(b.build())));
    // a regex route: in a plain vertx-web path ":approve" would be a path variable
    router.postWithRegex("/api/v1/community-attestations/([^/:]+):approve").handler(JsonCall.withBody(
      ApproveCommunityAttestationRequest::newBuilder, (ctx, b) -> b.setAttestationId(ctx.pathParam("param0")),
      b -> trust.approveCommunityAttestation(b.build())));
    router.get(ApiRoutes.PREFIX + "/community-attestations/:id").handler(JsonCall.withPath(GetCommunityAttestationRequest::newBuilder,
      (ctx, b) -> b.setAttestationId(ctx.pathParam("id")), b -> trust.getCommunityAttestation(b.build())));
  }
}
