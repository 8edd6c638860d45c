package org.juicetokens.trust.attestation;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.trust.attestation.proto.ApproveCommunityAttestationRequest;
import org.juicetokens.trust.attestation.proto.CommunityApproval;
import org.juicetokens.trust.attestation.proto.CommunityAttestation;
import org.juicetokens.trust.attestation.proto.CommunityAttestationView;
import org.juicetokens.trust.attestation.proto.CommunityStatement;

/**
 * A member approving a community statement, on the member's home node: the member must be in the
 * community (else PERMISSION_DENIED) and not the subject; its approval (signed once with its active
 * key) is added to the record by compare-and-set, re-read and retried on a lost race. A member who
 * approved before gets the record as it stands, {@code already_approved} set, nothing written.
 */
final class CommunityApprovals {
  private final CommunityCalls calls;
  private final CommunityReads reads;
  private final CommunityHome home;
  private final CommunityOperations operations;
  private final CommunityMeters meters;
  private final int attempts;

  CommunityApprovals(CommunityCalls calls, CommunityReads reads, CommunityHome home, CommunityOperations operations, CommunityMeters meters,
                     int attempts) {
    this.calls = calls;
    this.reads = reads;
    this.home = home;
    this.operations = operations;
    this.meters = meters;
    this.attempts = attempts;
  }

  Future<CommunityAttestationView> approve(ApproveCommunityAttestationRequest r) {
    return home.route(r.getMemberId(), "member", Addresses.COMMUNITY_APPROVE_SUFFIX, r, CommunityAttestationView.class,
      () -> approveHere(r));
  }

  Future<CommunityAttestationView> approveHere(ApproveCommunityAttestationRequest r) {
    String member = r.getMemberId();
    Future<CommunityAttestationView> work = Future.succeededFuture().compose(v -> {
      if (r.getAttestationId().isBlank()) {
        throw JuiceException.invalidArgument("community attestation id is required");
      }
      return home.signerHere(member, "member");
    }).compose(signer -> existing(r.getAttestationId())).compose(record -> {
      CommunityStatement statement = statement(record);
      return operations.validCommunity(statement.getCommunityId(), member, statement.getSubjectId()).compose(community -> {
        if (CommunityAttestations.hasApproved(record, member)) {
          return duplicate(record);
        }
        return calls.base().sign(member, "community.approve", CommunityAttestations.approvalSignedBytes(record.getStatement()))
          .compose(signature -> add(r.getAttestationId(), CommunityApproval.newBuilder().setMemberId(member)
            .setPublicKey(signature.getPublicKey()).setSignature(signature.getSignature()).build(), record, attempts));
      });
    });
    return work.onComplete(view -> meters.count("approve", view.getAlreadyApproved() ? "duplicate" : "ok"),
      failure -> meters.failed("approve", failure));
  }

  /** Adds the approval to {@code current} by compare-and-set; on a lost race re-reads and tries again. */
  private Future<CommunityAttestationView> add(String id, CommunityApproval approval, CommunityAttestation current, int left) {
    if (CommunityAttestations.hasApproved(current, approval.getMemberId())) {
      return duplicate(current);
    }
    CommunityAttestation next = current.toBuilder().addApprovals(approval).build();
    return calls.publish(id, approval.getMemberId(), next, current).compose(put -> {
      if (put.getApplied()) {
        return Future.all(reads.view(current), reads.view(next)).map(both -> {
          CommunityAttestationView before = both.resultAt(0);
          CommunityAttestationView after = both.resultAt(1);
          if (!before.getValid() && after.getValid()) {
            meters.thresholdReached();
          }
          return after;
        });
      }
      if (left <= 1) {
        return Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "community attestation " + id + " kept changing; try again"));
      }
      return existing(id).compose(latest -> add(id, approval, latest, left - 1));
    });
  }

  private Future<CommunityAttestationView> duplicate(CommunityAttestation record) {
    return reads.view(record).map(view -> view.toBuilder().setAlreadyApproved(true).build());
  }

  private Future<CommunityAttestation> existing(String id) {
    return calls.record(id).map(found -> found.orElseThrow(() -> JuiceException.notFound("unknown community attestation " + id)));
  }

  private static CommunityStatement statement(CommunityAttestation record) {
    try {
      return CommunityStatement.parseFrom(record.getStatement());
    } catch (InvalidProtocolBufferException e) {
      throw new JuiceException(ErrorCode.DATA_CORRUPTION, "community statement does not decode", e);
    }
  }
}
