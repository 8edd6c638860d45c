package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.trust.attestation.proto.AttestationRecord;
import org.juicetokens.trust.attestation.proto.PeerAttestation;
import org.juicetokens.trust.attestation.proto.RevokeAttestationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Finishing an attestation creation whose home copy and pending marker are on disk: publish the
 * record (IF_ABSENT; finding our own identical record = done), add it to the subject's index
 * (already in = done), announce it, drop the marker. Every step is idempotent, so a creation cut
 * short by a failure is finished later by {@link #resume} with the same steps. An index found full
 * (a lost race: the fast check before signing passed) gets the attestation revoked with the signed
 * reason {@link #INDEX_FULL}, and answers CONFLICT: nothing is left published but unreachable.
 */
final class AttestationOutbox {
  private static final Logger LOG = LoggerFactory.getLogger(AttestationOutbox.class);
  static final String INDEX_FULL = "subject index full";
  /** Lost index races retried before giving up (the creation stays pending, the resumer retries). */
  private static final int INDEX_ATTEMPTS = 5;

  private final String nodeId;
  private final AttestationCalls calls;
  private final PendingAttestations pending;
  private final AttestationRevocations revocations;
  private final int maxPerSubject;
  private final AttestationMeters meters;

  AttestationOutbox(String nodeId, AttestationCalls calls, PendingAttestations pending, AttestationRevocations revocations, int maxPerSubject,
                    AttestationMeters meters) {
    this.nodeId = nodeId;
    this.calls = calls;
    this.pending = pending;
    this.revocations = revocations;
    this.maxPerSubject = maxPerSubject;
    this.meters = meters;
  }

  /** The outcome of one resume pass. */
  record Pass(int finished, int failed) {
  }

  Future<AttestationRecord> finish(AttestationRecord record, String subjectHome) {
    PeerAttestation attestation = Attestations.decode(record);
    String id = attestation.getId();
    return calls.publish(id, attestation.getAttesterId(), record, null).compose(put -> {
      if (!put.getApplied() && !sameAttestation(put.getCurrentValue(), record)) {
        return pending.abandon(attestation.getAttesterId(), id).compose(ack -> Future.failedFuture(
          new JuiceException(ErrorCode.CONFLICT, "attestation id " + id + " already taken")));
      }
      return calls.addToIndex(attestation.getSubjectId(), id, maxPerSubject, INDEX_ATTEMPTS).compose(indexed -> {
        calls.announce(AttestationEvents.of(record, nodeId, subjectHome));
        if (indexed) {
          return pending.done(id).map(record);
        }
        return revocations.revokeHere(RevokeAttestationRequest.newBuilder().setAttestationId(id).setReason(INDEX_FULL).build())
          .compose(revoked -> pending.done(id))
          .compose(ack -> Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "subject " + attestation.getSubjectId()
            + " already has " + maxPerSubject + " attestations (attestation.maxPerSubject); attestation " + id + " revoked")));
      });
    });
  }

  /** Finishes up to {@code limit} pending creations, one after another; a CONFLICT is a finished (refused) one. */
  Future<Pass> resume(int limit) {
    return pending.pending(limit).compose(records -> next(records, 0, new Pass(0, 0)));
  }

  private Future<Pass> next(List<AttestationRecord> records, int at, Pass pass) {
    if (at == records.size()) {
      return Future.succeededFuture(pass);
    }
    AttestationRecord record = records.get(at);
    PeerAttestation attestation = Attestations.decode(record);
    return calls.homeOf(attestation.getSubjectId()).compose(home -> finish(record, home))
      .map(done -> {
        meters.resumed("finished");
        return new Pass(pass.finished() + 1, pass.failed());
      })
      .recover(failure -> {
        boolean refused = failure instanceof JuiceException je && je.code() == ErrorCode.CONFLICT;
        meters.resumed(refused ? "refused" : "pending");
        LOG.warn("[Identity] [node: {}] pending attestation {} {}: {}", nodeId, attestation.getId(), refused ? "refused" : "still pending",
          failure.getMessage());
        return Future.succeededFuture(refused ? new Pass(pass.finished() + 1, pass.failed()) : new Pass(pass.finished(), pass.failed() + 1));
      })
      .compose(updated -> next(records, at + 1, updated));
  }

  /** Whether the DHT's current value is this attestation (possibly revoked meanwhile): our own earlier publication. */
  private static boolean sameAttestation(ByteString current, AttestationRecord record) {
    try {
      return AttestationRecord.parseFrom(current).getAttestation().equals(record.getAttestation());
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
  }
}
