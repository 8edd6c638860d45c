package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.trust.attestation.proto.AttestationRecord;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.identity.proto.IdentityKey;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Reading attestations with the verification on every read: the record from the DHT (whose
 * verifier checks the entry), then {@link Attestations#verify} against the attester's current
 * identity document and the subject's existence. Every verdict is counted by reason.
 */
final class AttestationReads {
  private final AttestationCalls calls;
  private final AttestationMeters meters;
  private final LongSupplier clock;

  AttestationReads(AttestationCalls calls, AttestationMeters meters, LongSupplier clock) {
    this.calls = calls;
    this.meters = meters;
    this.clock = clock;
  }

  /** The verified views of every attestation indexed about {@code subjectId}, in index order. */
  Future<List<AttestationView>> about(String subjectId) {
    return calls.index(subjectId).compose(index -> {
      List<Future<AttestationView>> views = new ArrayList<>();
      for (String id : index.getIdsList()) {
        views.add(byId(id));
      }
      return Future.all(views).map(all -> {
        List<AttestationView> list = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
          AttestationView view = all.resultAt(i);
          if (view != null) {
            list.add(view);
          }
        }
        return list;
      });
    });
  }

  /** One attestation by id, verified; null when the id is indexed but the record is gone. A refused DHT entry is "bad signature". */
  private Future<AttestationView> byId(String id) {
    return calls.record(id).compose(found -> found.isPresent() ? view(found.get()) : Future.<AttestationView>succeededFuture(null))
      .recover(failure -> {
        if (failure instanceof JuiceException je && je.code() == ErrorCode.UNAUTHENTICATED) {
          meters.verified(Attestations.BAD_SIGNATURE);
          return Future.succeededFuture(AttestationView.newBuilder().setValid(false).setReason(Attestations.BAD_SIGNATURE).build());
        }
        return Future.failedFuture(failure);
      });
  }

  Future<AttestationView> view(AttestationRecord record) {
    var attestation = Attestations.decode(record);
    if (attestation == null) {
      meters.verified(Attestations.MALFORMED);
      return Future.succeededFuture(AttestationView.newBuilder().setValid(false).setReason(Attestations.MALFORMED).setRecord(record).build());
    }
    Future<Optional<IdentityView>> attester = calls.identity(attestation.getAttesterId());
    Future<Optional<IdentityView>> subject = calls.identity(attestation.getSubjectId());
    return Future.all(attester, subject).map(both -> {
      List<ByteString> keys = attester.result().map(v -> v.getDocument().getKeysList().stream().map(IdentityKey::getPublicKey).toList())
        .orElse(null);
      Attestations.Verdict verdict = Attestations.verify(record, new Attestations.Context(keys, subject.result().isPresent(), clock.getAsLong()));
      meters.verified(verdict.reason());
      return AttestationView.newBuilder().setAttestation(attestation).setValid(verdict.valid()).setReason(verdict.reason())
        .setRevoked(verdict.revoked()).setRecord(record).build();
    });
  }
}
