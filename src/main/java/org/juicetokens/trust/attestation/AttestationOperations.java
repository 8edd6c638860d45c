package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Hex;
import org.juicetokens.trust.attestation.proto.AttestationList;
import org.juicetokens.trust.attestation.proto.AttestationRecord;
import org.juicetokens.trust.attestation.proto.AttestationRevocation;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.attestation.proto.CreateAttestationRequest;
import org.juicetokens.trust.attestation.proto.ListAttestationsRequest;
import org.juicetokens.trust.attestation.proto.PeerAttestation;
import org.juicetokens.trust.attestation.proto.RevokeAttestationRequest;
import org.juicetokens.trust.attestation.proto.SignedAttestation;
import org.juicetokens.trust.attestation.proto.SignedRevocation;
import org.juicetokens.trust.identity.proto.IdentityStatus;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.security.SecureRandom;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Creating and revoking peer attestations. The node-local entry point finds the attester's home
 * node (from its identity document) and asks it point-to-point; the home node checks the rules,
 * signs through IDENTITY_SIGN (the attester's active key), claims the id in {@code jt.attestations},
 * adds it to the subject's index and keeps a copy in its ATTESTATIONS family.
 */
final class AttestationOperations {
  /** Lost index races retried before CONFLICT. */
  private static final int INDEX_ATTEMPTS = 5;

  private final String nodeId;
  private final AttestationCalls calls;
  private final AttestationReads reads;
  private final AttestationMeters meters;
  private final List<String> types;
  private final int maxContentChars;
  private final int maxPerSubject;
  private final SecureRandom random;
  private final LongSupplier clock;

  AttestationOperations(String nodeId, AttestationCalls calls, AttestationReads reads, AttestationMeters meters, List<String> types,
                        int maxContentChars, int maxPerSubject, SecureRandom random, LongSupplier clock) {
    this.nodeId = nodeId;
    this.calls = calls;
    this.reads = reads;
    this.meters = meters;
    this.types = types;
    this.maxContentChars = maxContentChars;
    this.maxPerSubject = maxPerSubject;
    this.random = random;
    this.clock = clock;
  }

  Future<AttestationView> create(CreateAttestationRequest r) {
    return attester(r.getAttesterId()).compose(view -> {
      String home = view.getDocument().getHomeNode();
      return home.equals(nodeId) ? createHere(r)
        : calls.ask(Addresses.node(home, Addresses.ATTESTATION_CREATE_SUFFIX), r, AttestationView.class);
    });
  }

  Future<AttestationView> createHere(CreateAttestationRequest r) {
    String type = types.contains(r.getType()) ? r.getType() : "unlisted";
    Future<AttestationView> result = Future.succeededFuture().compose(v -> {
      requireValid(r);
      return attester(r.getAttesterId());
    }).compose(attester -> {
      if (!attester.getDocument().getHomeNode().equals(nodeId)) {
        throw new JuiceException(ErrorCode.PERMISSION_DENIED, "attester " + r.getAttesterId() + " is homed on "
          + attester.getDocument().getHomeNode() + ", not on " + nodeId);
      }
      return calls.identity(r.getSubjectId());
    }).compose(subject -> {
      long now = clock.getAsLong();
      PeerAttestation attestation = PeerAttestation.newBuilder().setId(newId()).setAttesterId(r.getAttesterId())
        .setSubjectId(r.getSubjectId()).setType(r.getType()).setContent(r.getContent()).setStrength(r.getStrength())
        .setValidFromMs(r.getValidFromMs() > 0 ? r.getValidFromMs() : now).setValidUntilMs(r.getValidUntilMs()).setCreatedAtMs(now).build();
      String refused = Attestations.rules(attestation, subject.isPresent(), false, Math.max(now, attestation.getValidFromMs()));
      if (!refused.isEmpty()) {
        throw JuiceException.invalidArgument("attestation refused: " + refused);
      }
      ByteString bytes = attestation.toByteString();
      return calls.sign(r.getAttesterId(), "attestation", Attestations.signedBytes(bytes)).compose(signature -> {
        AttestationRecord record = AttestationRecord.newBuilder().setAttestation(SignedAttestation.newBuilder().setAttestation(bytes)
          .setPublicKey(signature.getPublicKey()).setSignature(signature.getSignature())).build();
        return calls.keepHome(r.getAttesterId(), attestation.getId(), record)
          .compose(ack -> calls.publish(attestation.getId(), r.getAttesterId(), record, null))
          .compose(put -> put.getApplied() ? calls.addToIndex(r.getSubjectId(), attestation.getId(), maxPerSubject, INDEX_ATTEMPTS)
            : Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "attestation id " + attestation.getId() + " already taken")))
          .onSuccess(v -> calls.announce(AttestationEvents.of(record, nodeId, subject.get().getDocument().getHomeNode())))
          .compose(v -> reads.view(record));
      });
    });
    return result.onComplete(ok -> meters.created(type, "ok"), failure -> meters.created(type,
      failure instanceof JuiceException je && je.code() == ErrorCode.INVALID_ARGUMENT ? "refused" : "failed"));
  }

  Future<AttestationView> revoke(RevokeAttestationRequest r) {
    return existing(r.getAttestationId()).compose(record -> {
      String attesterId = Attestations.decode(record).getAttesterId();
      return attester(attesterId).compose(view -> view.getDocument().getHomeNode().equals(nodeId) ? revokeHere(r)
        : calls.ask(Addresses.node(view.getDocument().getHomeNode(), Addresses.ATTESTATION_REVOKE_SUFFIX), r, AttestationView.class));
    });
  }

  Future<AttestationView> revokeHere(RevokeAttestationRequest r) {
    return existing(r.getAttestationId()).compose(previous -> {
      if (previous.hasRevocation()) {
        return reads.view(previous);
      }
      PeerAttestation attestation = Attestations.decode(previous);
      ByteString bytes = AttestationRevocation.newBuilder().setAttestationId(attestation.getId()).setAttesterId(attestation.getAttesterId())
        .setRevokedAtMs(clock.getAsLong()).setReason(r.getReason()).build().toByteString();
      return calls.sign(attestation.getAttesterId(), "attestation.revoke", Attestations.revocationSignedBytes(bytes)).compose(signature -> {
        AttestationRecord record = previous.toBuilder().setRevocation(SignedRevocation.newBuilder().setRevocation(bytes)
          .setPublicKey(signature.getPublicKey()).setSignature(signature.getSignature())).build();
        return calls.publish(attestation.getId(), attestation.getAttesterId(), record, previous).compose(put -> put.getApplied()
          ? calls.keepHome(attestation.getAttesterId(), attestation.getId(), record)
            .compose(ack -> calls.homeOf(attestation.getSubjectId()))
            .compose(subjectHome -> {
              calls.announce(AttestationEvents.of(record, nodeId, subjectHome));
              return reads.view(record);
            })
          : Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "attestation " + attestation.getId() + " changed meanwhile; try again")));
      });
    });
  }

  Future<AttestationList> list(ListAttestationsRequest r) {
    if (r.getSubjectId().isBlank()) {
      return Future.failedFuture(JuiceException.invalidArgument("subject id is required"));
    }
    return reads.about(r.getSubjectId()).map(views -> AttestationList.newBuilder().setSubjectId(r.getSubjectId()).addAllAttestations(views).build());
  }

  private Future<AttestationRecord> existing(String id) {
    if (id.isBlank()) {
      return Future.failedFuture(JuiceException.invalidArgument("attestation id is required"));
    }
    return calls.record(id).map(found -> found.orElseThrow(() -> JuiceException.notFound("unknown attestation " + id)));
  }

  private Future<IdentityView> attester(String id) {
    if (id.isBlank()) {
      return Future.failedFuture(JuiceException.invalidArgument("attester id is required"));
    }
    return calls.identity(id).map(found -> {
      IdentityView view = found.orElseThrow(() -> JuiceException.notFound("unknown attester " + id));
      if (!view.getVerified() || view.getDocument().getStatus() != IdentityStatus.ACTIVE) {
        throw new JuiceException(ErrorCode.PERMISSION_DENIED, "attester " + id + " is not an active verified identity");
      }
      return view;
    });
  }

  private void requireValid(CreateAttestationRequest r) {
    if (!types.contains(r.getType())) {
      throw JuiceException.invalidArgument("attestation type must be one of " + types + " (attestation.types)");
    }
    if (r.getContent().length() > maxContentChars) {
      throw JuiceException.invalidArgument("content longer than " + maxContentChars + " characters (attestation.maxContentChars)");
    }
    if (r.getSubjectId().isBlank()) {
      throw JuiceException.invalidArgument("subject id is required");
    }
  }

  private String newId() {
    byte[] id = new byte[16];
    random.nextBytes(id);
    return Hex.of(id);
  }
}
