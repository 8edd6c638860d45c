package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.transaction.proto.SystemAttestation;
import org.juicetokens.trust.attestation.proto.SignedSystemAttestation;
import org.juicetokens.trust.attestation.proto.SystemAttestationView;
import org.juicetokens.trust.identity.proto.IdentityKey;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reading system attestations from the DHT with the verification on every read
 * ({@link SystemAttestations#verify}): the signing node's registered keys, the subject's and the
 * payer's identity documents. Every verdict is counted by reason. One read of a subject's list
 * asks for each node's keys and each identity once.
 */
final class SystemAttestationReads {
  private final SystemAttestationDht dht;
  private final NodeKeyRegistry registry;
  private final AttestationCalls calls;
  private final AttestationMeters meters;

  SystemAttestationReads(SystemAttestationDht dht, NodeKeyRegistry registry, AttestationCalls calls, AttestationMeters meters) {
    this.dht = dht;
    this.registry = registry;
    this.calls = calls;
    this.meters = meters;
  }

  /** The verified views of every system attestation indexed about {@code subjectId}, in index order (oldest first). */
  Future<List<SystemAttestationView>> about(String subjectId) {
    return dht.index(subjectId).compose(index -> {
      Lookups lookups = new Lookups();
      List<Future<SystemAttestationView>> views = new ArrayList<>();
      for (String id : index.getIdsList()) {
        views.add(byId(id, lookups));
      }
      return Future.all(views).map(all -> {
        List<SystemAttestationView> list = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
          SystemAttestationView view = all.resultAt(i);
          if (view != null) {
            list.add(view);
          }
        }
        return list;
      });
    });
  }

  /** How many distinct tx ids the valid views attest (a tx counts once, whatever else the index holds). */
  static int distinctValid(List<SystemAttestationView> views) {
    Set<String> txIds = new HashSet<>();
    views.stream().filter(SystemAttestationView::getValid).forEach(v -> txIds.add(v.getAttestation().getTxId()));
    return txIds.size();
  }

  private Future<SystemAttestationView> byId(String id, Lookups lookups) {
    return dht.record(id).compose(found -> found.isPresent() ? view(id, found.get(), lookups) : Future.<SystemAttestationView>succeededFuture(null))
      .recover(failure -> {
        if (failure instanceof JuiceException je && je.code() == ErrorCode.UNAUTHENTICATED) {
          meters.verified(SystemAttestations.BAD_SIGNATURE);
          return Future.succeededFuture(SystemAttestationView.newBuilder().setId(id).setValid(false)
            .setReason(SystemAttestations.BAD_SIGNATURE).build());
        }
        return Future.failedFuture(failure);
      });
  }

  private Future<SystemAttestationView> view(String id, SignedSystemAttestation record, Lookups lookups) {
    SystemAttestation a = SystemAttestations.decode(record);
    String structural = SystemAttestations.checkSignature(record, a);
    if (!structural.isEmpty()) {
      // nothing it names can be trusted enough to look up
      meters.verified(structural);
      SystemAttestationView.Builder invalid = SystemAttestationView.newBuilder().setId(id).setValid(false).setReason(structural).setRecord(record);
      return Future.succeededFuture((a == null ? invalid : invalid.setAttestation(a)).build());
    }
    Future<Optional<List<ByteString>>> nodeKeys = lookups.nodeKeys(record.getNodeId());
    Future<Optional<IdentityView>> subject = lookups.identity(a.getIdentityId());
    Future<Optional<IdentityView>> payer = lookups.identity(a.getPayerId());
    return Future.all(nodeKeys, subject, payer).map(all -> {
      List<ByteString> payerKeys = payer.result().map(v -> v.getDocument().getKeysList().stream().map(IdentityKey::getPublicKey).toList())
        .orElse(null);
      SystemAttestations.Verdict verdict = SystemAttestations.verify(record, id,
        new SystemAttestations.Context(nodeKeys.result().orElse(null), subject.result().isPresent(), payerKeys));
      meters.verified(verdict.reason());
      return SystemAttestationView.newBuilder().setId(id).setAttestation(a).setValid(verdict.valid()).setReason(verdict.reason())
        .setRecord(record).build();
    });
  }

  /** The lookups of one read, shared by its attestations. */
  private final class Lookups {
    private final Map<String, Future<Optional<List<ByteString>>>> nodes = new HashMap<>();
    private final Map<String, Future<Optional<IdentityView>>> identities = new HashMap<>();

    /** A registry entry the DHT refuses counts as no registration. */
    Future<Optional<List<ByteString>>> nodeKeys(String nodeId) {
      return nodes.computeIfAbsent(nodeId, n -> registry.keys(n).recover(f -> f instanceof JuiceException je
        && je.code() == ErrorCode.UNAUTHENTICATED ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(f)));
    }

    Future<Optional<IdentityView>> identity(String identityId) {
      return identities.computeIfAbsent(identityId, calls::identity);
    }
  }
}
