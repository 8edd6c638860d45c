package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.trust.attestation.proto.AttestationList;
import org.juicetokens.trust.attestation.proto.Community;
import org.juicetokens.trust.attestation.proto.CommunityAttestation;
import org.juicetokens.trust.attestation.proto.CommunityAttestationView;
import org.juicetokens.trust.attestation.proto.CommunityStatement;
import org.juicetokens.trust.attestation.proto.CommunityView;
import org.juicetokens.trust.attestation.proto.SignedCommunity;
import org.juicetokens.trust.identity.proto.IdentityKey;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reading communities and community attestations with the verification on every read: the
 * declaration against its founder's document, each statement against its community (which must
 * be valid and match the statement's threshold), its subject's existence and every key of each
 * member's document ({@link CommunityAttestations#verifyAgainst}). Verdicts are counted by reason.
 */
final class CommunityReads {
  private final CommunityCalls calls;
  private final AttestationMeters meters;

  CommunityReads(CommunityCalls calls, AttestationMeters meters) {
    this.calls = calls;
    this.meters = meters;
  }

  /** The declaration, verified; empty when there is none. A declaration the DHT verifier refuses reads as "bad signature". */
  Future<Optional<CommunityView>> community(String id) {
    return calls.community(id).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.<CommunityView>empty());
      }
      SignedCommunity signed = found.get();
      Community community = Communities.decode(signed);
      if (community == null || community.getFounderId().isBlank()) {
        return Future.succeededFuture(Optional.of(CommunityView.newBuilder().setCommunity(Community.newBuilder().setId(id))
          .setReason(Attestations.MALFORMED).setSigned(signed).build()));
      }
      return calls.base().identity(community.getFounderId()).map(view -> {
        String reason = Communities.verify(signed, view.map(CommunityReads::keys).orElse(null));
        return Optional.of(CommunityView.newBuilder().setCommunity(community).setValid(reason.isEmpty()).setReason(reason)
          .setSigned(signed).build());
      });
    }).recover(f -> f instanceof JuiceException je && je.code() == ErrorCode.UNAUTHENTICATED
      ? Future.succeededFuture(Optional.of(CommunityView.newBuilder().setCommunity(Community.newBuilder().setId(id))
      .setReason(Attestations.BAD_SIGNATURE).build()))
      : Future.failedFuture(f));
  }

  /** One community attestation by id, verified; NOT_FOUND when unknown. */
  Future<CommunityAttestationView> byId(String id) {
    if (id.isBlank()) {
      return Future.failedFuture(JuiceException.invalidArgument("community attestation id is required"));
    }
    return find(id).map(view -> {
      if (view == null) {
        throw JuiceException.notFound("unknown community attestation " + id);
      }
      return view;
    });
  }

  /** The verified community attestations indexed about {@code subjectId}; an id whose record is gone is skipped. */
  Future<List<CommunityAttestationView>> about(String subjectId) {
    return calls.index(subjectId).compose(index -> {
      List<Future<CommunityAttestationView>> views = new ArrayList<>();
      index.getIdsList().forEach(id -> views.add(find(id)));
      return Future.all(views).map(all -> all.<CommunityAttestationView>list().stream().filter(Objects::nonNull).toList());
    });
  }

  /** The record under {@code id} verified, null when absent; an entry the DHT verifier refuses reads as "bad signature". */
  private Future<CommunityAttestationView> find(String id) {
    return calls.record(id).compose(found -> found.isPresent() ? view(found.get()) : Future.<CommunityAttestationView>succeededFuture(null))
      .recover(failure -> {
        if (failure instanceof JuiceException je && je.code() == ErrorCode.UNAUTHENTICATED) {
          meters.verified(Attestations.BAD_SIGNATURE);
          return Future.succeededFuture(CommunityAttestationView.newBuilder().setStatement(CommunityStatement.newBuilder().setId(id))
            .setReason(Attestations.BAD_SIGNATURE).build());
        }
        return Future.failedFuture(failure);
      });
  }

  /** {@code list} with the community attestations about its subject appended. */
  Future<AttestationList> withCommunity(AttestationList list) {
    return about(list.getSubjectId()).map(views -> list.toBuilder().addAllCommunity(views).build());
  }

  /** The verdict on one record as it stands. */
  Future<CommunityAttestationView> view(CommunityAttestation record) {
    CommunityStatement statement;
    try {
      statement = CommunityStatement.parseFrom(record.getStatement());
    } catch (InvalidProtocolBufferException e) {
      return Future.succeededFuture(verdict(record, CommunityStatement.getDefaultInstance(), Attestations.MALFORMED));
    }
    if (statement.getId().isBlank() || statement.getCommunityId().isBlank() || statement.getSubjectId().isBlank()) {
      return Future.succeededFuture(verdict(record, statement, Attestations.MALFORMED));
    }
    Future<Optional<CommunityView>> community = community(statement.getCommunityId());
    Future<Optional<IdentityView>> subject = calls.base().identity(statement.getSubjectId());
    return Future.all(community, subject).compose(both -> {
      Optional<CommunityView> c = community.result();
      if (c.isEmpty()) {
        return Future.succeededFuture(verdict(record, statement, CommunityAttestations.UNKNOWN_COMMUNITY));
      }
      if (!c.get().getValid()) {
        return Future.succeededFuture(verdict(record, statement, c.get().getReason()));
      }
      if (c.get().getCommunity().getThreshold() != statement.getThreshold()) {
        return Future.succeededFuture(verdict(record, statement, Attestations.MALFORMED));
      }
      if (subject.result().isEmpty()) {
        return Future.succeededFuture(verdict(record, statement, Attestations.UNKNOWN_SUBJECT));
      }
      return memberKeys(c.get().getCommunity()).map(keys -> {
        CommunityAttestations.Verdict v = CommunityAttestations.verifyAgainst(record, keys);
        meters.verified(label(v.reason()));
        return CommunityAttestationView.newBuilder().setStatement(statement).setApprovals(v.distinctApprovals()).setThreshold(v.threshold())
          .setValid(v.valid()).setReason(v.reason()).addAllApproverIds(v.approvers()).setRecord(record).build();
      });
    });
  }

  /** Every key of each member's identity document; a member without a document has none. */
  private Future<Map<String, List<ByteString>>> memberKeys(Community community) {
    List<Future<Optional<IdentityView>>> members = new ArrayList<>();
    community.getMemberIdsList().forEach(m -> members.add(calls.base().identity(m)));
    return Future.all(members).map(all -> {
      Map<String, List<ByteString>> keys = new HashMap<>();
      for (int i = 0; i < all.size(); i++) {
        Optional<IdentityView> member = all.resultAt(i);
        String id = community.getMemberIds(i);
        member.ifPresent(v -> keys.put(id, keys(v)));
      }
      return keys;
    });
  }

  private CommunityAttestationView verdict(CommunityAttestation record, CommunityStatement statement, String reason) {
    meters.verified(label(reason));
    return CommunityAttestationView.newBuilder().setStatement(statement).setThreshold(statement.getThreshold()).setValid(false)
      .setReason(reason).setRecord(record).build();
  }

  /** The reason as a bounded metric label: "approvals below threshold (k of n)" counts as one label. */
  private static String label(String reason) {
    return reason.startsWith(CommunityAttestations.BELOW_THRESHOLD) ? CommunityAttestations.BELOW_THRESHOLD : reason;
  }

  private static List<ByteString> keys(IdentityView view) {
    return view.getDocument().getKeysList().stream().map(IdentityKey::getPublicKey).toList();
  }
}
