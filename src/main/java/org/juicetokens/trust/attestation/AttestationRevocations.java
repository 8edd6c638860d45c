package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.trust.attestation.proto.AttestationRecord;
import org.juicetokens.trust.attestation.proto.AttestationRevocation;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.attestation.proto.PeerAttestation;
import org.juicetokens.trust.attestation.proto.RevokeAttestationRequest;
import org.juicetokens.trust.attestation.proto.SignedRevocation;

import java.util.function.LongSupplier;

/**
 * Revoking a peer attestation: asked of the attester's home node, which signs the revocation with
 * the attester's key, replaces the DHT record by compare-and-set, updates its home copy and
 * announces the revocation (ATTESTATION_EVENTS). Revoking a revoked one answers it unchanged.
 */
final class AttestationRevocations {
  private final String nodeId;
  private final AttestationCalls calls;
  private final AttestationReads reads;
  private final LongSupplier clock;

  AttestationRevocations(String nodeId, AttestationCalls calls, AttestationReads reads, LongSupplier clock) {
    this.nodeId = nodeId;
    this.calls = calls;
    this.reads = reads;
    this.clock = clock;
  }

  Future<AttestationView> revoke(RevokeAttestationRequest r) {
    return existing(r.getAttestationId()).compose(record -> {
      String attesterId = Attestations.decode(record).getAttesterId();
      return calls.activeAttester(attesterId).compose(view -> view.getDocument().getHomeNode().equals(nodeId) ? revokeHere(r)
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

  private Future<AttestationRecord> existing(String id) {
    if (id.isBlank()) {
      return Future.failedFuture(JuiceException.invalidArgument("attestation id is required"));
    }
    return calls.record(id).map(found -> found.orElseThrow(() -> JuiceException.notFound("unknown attestation " + id)));
  }
}
