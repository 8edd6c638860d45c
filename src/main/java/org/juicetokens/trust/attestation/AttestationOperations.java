package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Hex;
import org.juicetokens.trust.attestation.proto.AttestationList;
import org.juicetokens.trust.attestation.proto.AttestationRecord;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.attestation.proto.CreateAttestationRequest;
import org.juicetokens.trust.attestation.proto.ListAttestationsRequest;
import org.juicetokens.trust.attestation.proto.PeerAttestation;
import org.juicetokens.trust.attestation.proto.SignedAttestation;

import java.security.SecureRandom;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Creating peer attestations. The node-local entry point finds the attester's home node (from its
 * identity document) and asks it point-to-point; the home node checks the rules and that the
 * subject's index has room (a fast refusal: nothing signed, nothing written), signs through
 * IDENTITY_SIGN (the attester's active key), writes its home copy with a pending marker in one
 * synced batch, and lets {@link AttestationOutbox} publish, index and announce it (finished later
 * by the resumer when a step fails). Revocation is in {@link AttestationRevocations}.
 */
final class AttestationOperations {
  private final String nodeId;
  private final AttestationCalls calls;
  private final AttestationReads reads;
  private final PendingAttestations pending;
  private final AttestationOutbox outbox;
  private final AttestationMeters meters;
  private final List<String> types;
  private final int maxContentChars;
  private final int maxPerSubject;
  private final SecureRandom random;
  private final LongSupplier clock;

  AttestationOperations(String nodeId, AttestationCalls calls, AttestationReads reads, PendingAttestations pending, AttestationOutbox outbox,
                        AttestationMeters meters, List<String> types, int maxContentChars, int maxPerSubject, SecureRandom random,
                        LongSupplier clock) {
    this.nodeId = nodeId;
    this.calls = calls;
    this.reads = reads;
    this.pending = pending;
    this.outbox = outbox;
    this.meters = meters;
    this.types = types;
    this.maxContentChars = maxContentChars;
    this.maxPerSubject = maxPerSubject;
    this.random = random;
    this.clock = clock;
  }

  Future<AttestationView> create(CreateAttestationRequest r) {
    return calls.activeAttester(r.getAttesterId()).compose(view -> {
      String home = view.getDocument().getHomeNode();
      return home.equals(nodeId) ? createHere(r)
        : calls.ask(Addresses.node(home, Addresses.ATTESTATION_CREATE_SUFFIX), r, AttestationView.class);
    });
  }

  Future<AttestationView> createHere(CreateAttestationRequest r) {
    String type = types.contains(r.getType()) ? r.getType() : "unlisted";
    Future<AttestationView> result = Future.succeededFuture().compose(v -> {
      requireValid(r);
      return calls.activeAttester(r.getAttesterId());
    }).compose(attester -> {
      if (!attester.getDocument().getHomeNode().equals(nodeId)) {
        throw new JuiceException(ErrorCode.PERMISSION_DENIED, "attester " + r.getAttesterId() + " is homed on "
          + attester.getDocument().getHomeNode() + ", not on " + nodeId);
      }
      return Future.all(calls.identity(r.getSubjectId()), calls.index(r.getSubjectId()));
    }).compose(both -> {
      var subject = both.<java.util.Optional<org.juicetokens.trust.identity.proto.IdentityView>>resultAt(0);
      long now = clock.getAsLong();
      PeerAttestation attestation = PeerAttestation.newBuilder().setId(newId()).setAttesterId(r.getAttesterId())
        .setSubjectId(r.getSubjectId()).setType(r.getType()).setContent(r.getContent()).setStrength(r.getStrength())
        .setValidFromMs(r.getValidFromMs() > 0 ? r.getValidFromMs() : now).setValidUntilMs(r.getValidUntilMs()).setCreatedAtMs(now).build();
      String refused = Attestations.rules(attestation, subject.isPresent(), false, Math.max(now, attestation.getValidFromMs()));
      if (!refused.isEmpty()) {
        throw JuiceException.invalidArgument("attestation refused: " + refused);
      }
      if (both.<org.juicetokens.trust.attestation.proto.AttestationIndex>resultAt(1).getIdsCount() >= maxPerSubject) {
        throw new JuiceException(ErrorCode.CONFLICT, "subject " + r.getSubjectId() + " already has " + maxPerSubject
          + " attestations (attestation.maxPerSubject)");
      }
      ByteString bytes = attestation.toByteString();
      return calls.sign(r.getAttesterId(), "attestation", Attestations.signedBytes(bytes)).compose(signature -> {
        AttestationRecord record = AttestationRecord.newBuilder().setAttestation(SignedAttestation.newBuilder().setAttestation(bytes)
          .setPublicKey(signature.getPublicKey()).setSignature(signature.getSignature())).build();
        return pending.keep(r.getAttesterId(), attestation.getId(), record)
          .compose(ack -> outbox.finish(record, subject.get().getDocument().getHomeNode()))
          .compose(reads::view);
      });
    });
    return result.onComplete(ok -> meters.created(type, "ok"), failure -> meters.created(type,
      failure instanceof JuiceException je && je.code() == ErrorCode.INVALID_ARGUMENT ? "refused" : "failed"));
  }

  Future<AttestationList> list(ListAttestationsRequest r) {
    if (r.getSubjectId().isBlank()) {
      return Future.failedFuture(JuiceException.invalidArgument("subject id is required"));
    }
    return reads.about(r.getSubjectId()).map(views -> AttestationList.newBuilder().setSubjectId(r.getSubjectId()).addAllAttestations(views).build());
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
