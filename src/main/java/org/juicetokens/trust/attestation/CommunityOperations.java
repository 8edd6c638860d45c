package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Hex;
import org.juicetokens.trust.attestation.proto.Community;
import org.juicetokens.trust.attestation.proto.CommunityApproval;
import org.juicetokens.trust.attestation.proto.CommunityAttestation;
import org.juicetokens.trust.attestation.proto.CommunityAttestationView;
import org.juicetokens.trust.attestation.proto.CommunityStatement;
import org.juicetokens.trust.attestation.proto.CommunityView;
import org.juicetokens.trust.attestation.proto.CreateCommunityRequest;
import org.juicetokens.trust.attestation.proto.GetCommunityRequest;
import org.juicetokens.trust.attestation.proto.ProposeCommunityAttestationRequest;
import org.juicetokens.trust.attestation.proto.SignedCommunity;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Declaring a community (on the founder's home node: checked, signed, claimed IF_ABSENT in
 * {@code jt.communities}) and proposing a statement (on the proposer's home node: the proposer's
 * approval comes with it; claimed in {@code jt.communityAttestations}, then indexed by subject).
 * Every refusal is decided before the first write.
 */
final class CommunityOperations {
  private final CommunityCalls calls;
  private final CommunityReads reads;
  private final CommunityHome home;
  private final CommunityMeters meters;
  private final CommunitySettings settings;
  private final SecureRandom random;
  private final LongSupplier clock;

  CommunityOperations(CommunityCalls calls, CommunityReads reads, CommunityHome home, CommunityMeters meters, CommunitySettings settings,
                      SecureRandom random, LongSupplier clock) {
    this.calls = calls;
    this.reads = reads;
    this.home = home;
    this.meters = meters;
    this.settings = settings;
    this.random = random;
    this.clock = clock;
  }

  Future<CommunityView> create(CreateCommunityRequest r) {
    return home.route(r.getFounderId(), "founder", Addresses.COMMUNITY_CREATE_SUFFIX, r, CommunityView.class, () -> createHere(r));
  }

  Future<CommunityView> createHere(CreateCommunityRequest r) {
    return meters.counted("create", Future.succeededFuture().compose(v -> {
      String refused = Communities.refusal(r, settings.maxMembers(), settings.maxNameChars());
      if (!refused.isEmpty()) {
        throw JuiceException.invalidArgument("community refused: " + refused);
      }
      return home.signerHere(r.getFounderId(), "founder");
    }).compose(founder -> requireMembers(r.getMemberIdsList())).compose(v -> {
      Community community = Community.newBuilder().setId(newId()).setName(r.getName()).setFounderId(r.getFounderId())
        .addAllMemberIds(r.getMemberIdsList()).setThreshold(r.getThreshold()).setCreatedAtMs(clock.getAsLong()).build();
      ByteString bytes = community.toByteString();
      return calls.base().sign(r.getFounderId(), "community", CommunityAttestations.communitySignedBytes(bytes)).compose(signature -> {
        SignedCommunity signed = SignedCommunity.newBuilder().setCommunity(bytes).setPublicKey(signature.getPublicKey())
          .setSignature(signature.getSignature()).build();
        return calls.claimCommunity(community.getId(), r.getFounderId(), signed).map(put -> {
          if (!put.getApplied()) {
            throw new JuiceException(ErrorCode.CONFLICT, "community id " + community.getId() + " already taken");
          }
          return CommunityView.newBuilder().setCommunity(community).setValid(true).setSigned(signed).build();
        });
      });
    }));
  }

  Future<CommunityView> get(GetCommunityRequest r) {
    if (r.getCommunityId().isBlank()) {
      return Future.failedFuture(JuiceException.invalidArgument("community id is required"));
    }
    return reads.community(r.getCommunityId()).map(found -> found.orElseThrow(() -> JuiceException.notFound("unknown community "
      + r.getCommunityId())));
  }

  Future<CommunityAttestationView> propose(ProposeCommunityAttestationRequest r) {
    return home.route(r.getProposerId(), "proposer", Addresses.COMMUNITY_PROPOSE_SUFFIX, r, CommunityAttestationView.class,
      () -> proposeHere(r));
  }

  Future<CommunityAttestationView> proposeHere(ProposeCommunityAttestationRequest r) {
    return meters.counted("propose", Future.succeededFuture().compose(v -> {
      settings.requireValid(r.getType(), r.getContent(), r.getStrength());
      if (r.getSubjectId().isBlank()) {
        throw JuiceException.invalidArgument("subject id is required");
      }
      return home.signerHere(r.getProposerId(), "proposer");
    }).compose(proposer -> validCommunity(r.getCommunityId(), r.getProposerId(), r.getSubjectId()))
      .compose(community -> calls.base().identity(r.getSubjectId()).compose(subject -> {
        if (subject.isEmpty()) {
          throw JuiceException.invalidArgument("community attestation refused: " + Attestations.UNKNOWN_SUBJECT + " " + r.getSubjectId());
        }
        return calls.index(r.getSubjectId());
      }).compose(index -> {
        if (index.getIdsCount() >= settings.maxPerSubject()) {
          throw new JuiceException(ErrorCode.CONFLICT, "subject " + r.getSubjectId() + " already has " + settings.maxPerSubject()
            + " community attestations (attestation.maxPerSubject)");
        }
        CommunityStatement statement = CommunityStatement.newBuilder().setId(newId()).setCommunityId(community.getId())
          .setSubjectId(r.getSubjectId()).setType(r.getType()).setContent(r.getContent()).setThreshold(community.getThreshold())
          .setStrength(r.getStrength()).setProposerId(r.getProposerId()).setCreatedAtMs(clock.getAsLong()).build();
        return publish(statement, r.getProposerId());
      })));
  }

  private Future<CommunityAttestationView> publish(CommunityStatement statement, String proposerId) {
    ByteString bytes = statement.toByteString();
    return calls.base().sign(proposerId, "community.approve", CommunityAttestations.approvalSignedBytes(bytes)).compose(signature -> {
      CommunityAttestation record = CommunityAttestation.newBuilder().setStatement(bytes).addApprovals(CommunityApproval.newBuilder()
        .setMemberId(proposerId).setPublicKey(signature.getPublicKey()).setSignature(signature.getSignature())).build();
      return calls.publish(statement.getId(), proposerId, record, null)
        .compose(put -> put.getApplied() ? calls.addToIndex(statement.getSubjectId(), statement.getId(), settings.maxPerSubject(),
          settings.casAttempts())
          : Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "community attestation id " + statement.getId() + " already taken")))
        .compose(v -> reads.view(record))
        .onSuccess(view -> {
          if (view.getValid()) {
            meters.thresholdReached();
          }
        });
    });
  }

  /**
   * The community, which must exist and verify, with {@code memberId} a member (else PERMISSION_DENIED)
   * and not the subject (nobody approves a statement about itself).
   */
  Future<Community> validCommunity(String communityId, String memberId, String subjectId) {
    if (communityId.isBlank()) {
      return Future.failedFuture(JuiceException.invalidArgument("community id is required"));
    }
    return reads.community(communityId).map(found -> {
      CommunityView view = found.orElseThrow(() -> JuiceException.notFound("unknown community " + communityId));
      if (!view.getValid()) {
        throw JuiceException.invalidArgument("community " + communityId + " does not verify: " + view.getReason());
      }
      if (!view.getCommunity().getMemberIdsList().contains(memberId)) {
        throw new JuiceException(ErrorCode.PERMISSION_DENIED, memberId + " is not a member of community " + communityId);
      }
      if (memberId.equals(subjectId)) {
        throw JuiceException.invalidArgument(Attestations.SELF_ATTESTATION + ": the subject may not approve a statement about itself");
      }
      return view.getCommunity();
    });
  }

  /** Every member must have an identity document (INVALID_ARGUMENT naming the first unknown one). */
  private Future<Void> requireMembers(List<String> memberIds) {
    List<Future<Optional<org.juicetokens.trust.identity.proto.IdentityView>>> lookups = new ArrayList<>();
    memberIds.forEach(id -> lookups.add(calls.base().identity(id)));
    return Future.all(lookups).map(all -> {
      for (int i = 0; i < memberIds.size(); i++) {
        if (all.<Optional<?>>resultAt(i).isEmpty()) {
          throw JuiceException.invalidArgument("community refused: unknown member " + memberIds.get(i));
        }
      }
      return null;
    });
  }

  private String newId() {
    byte[] id = new byte[16];
    random.nextBytes(id);
    return Hex.of(id);
  }
}
