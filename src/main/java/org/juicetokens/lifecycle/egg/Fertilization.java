package org.juicetokens.lifecycle.egg;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import org.juicetokens.api.v1.EggView;
import org.juicetokens.api.v1.FertilizeEggRequest;
import org.juicetokens.api.v1.GetEggRequest;
import org.juicetokens.api.v1.GetTransferRequest;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.lifecycle.egg.proto.Egg;
import org.juicetokens.trust.attestation.proto.AttestationList;
import org.juicetokens.trust.attestation.proto.AttestationRecord;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.attestation.proto.ListAttestationsRequest;
import org.juicetokens.trust.attestation.proto.PeerAttestation;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Fertilization and reads of eggs, on the owner's home node (named in the egg id). The stage is
 * checked first (an expired or fertilized egg is refused before any proof is looked up), then the
 * proof: a transfer (TX_GET: NOT_FOUND when no node knows it) the owner took part in, COMMITTED; or an
 * attestation (jt.attestations, verified) about the owner and valid now (ATTESTATION_LIST's verdict);
 * either made after the egg's generation (less egg.proofToleranceMs). A proof fertilizes one egg: its
 * marker (ProofChecks.markerKey → egg id) is written with the egg; another egg → CONFLICT, the same egg
 * again (a retried request) → the egg as it is. The check and the write run in the egg's queue and
 * the proof's, so two fertilizations of one egg, or of two eggs by one proof, cannot both pass.
 */
final class Fertilization {
  private final EggCalls calls;
  private final EggBook book;
  private final KeyedQueue queue;
  private final EggDurations durations;
  private final String nodeId;
  private final LongSupplier clock;
  private final Consumer<Egg> scheduler;
  private final long proofToleranceMs;

  Fertilization(EggCalls calls, EggBook book, KeyedQueue queue, EggDurations durations, String nodeId, LongSupplier clock,
                Consumer<Egg> scheduler, long proofToleranceMs) {
    this.proofToleranceMs = proofToleranceMs;
    this.calls = calls;
    this.book = book;
    this.queue = queue;
    this.durations = durations;
    this.nodeId = nodeId;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  Future<EggView> fertilize(FertilizeEggRequest request) {
    ProofChecks.requireOne(request);
    return home(request.getId(), true).compose(home -> home.equals(nodeId) ? fertilizeHere(request)
      : calls.ask(Addresses.node(home, Addresses.EGG_FERTILIZE_SUFFIX), request, 3 * calls.timeoutMs(), EggView.class));
  }

  Future<EggView> get(GetEggRequest request) {
    return home(request.getId(), false).compose(home -> home.equals(nodeId) ? getHere(request)
      : calls.ask(Addresses.node(home, Addresses.EGG_GET_SUFFIX), request, EggView.class));
  }

  Future<EggView> getHere(GetEggRequest request) {
    EggIds.ownerOf(request.getId());
    return book.load(request.getId().trim()).map(egg -> EggViews.egg(egg, clock.getAsLong(), durations));
  }

  Future<EggView> fertilizeHere(FertilizeEggRequest request) {
    ProofChecks.requireOne(request);
    String id = request.getId().trim();
    String named = ProofChecks.named(request);
    String marker = ProofChecks.markerKey(EggIds.ownerOf(id), named);
    // the egg's queue, then the proof's (always in this order, so no cycle): two eggs of one owner
    // fertilized by one proof at once cannot both find the proof unused
    return queue.run(id, () -> queue.run(marker, () -> book.load(id).compose(egg -> egg.getProof().equals(named)
      ? Future.succeededFuture(EggViews.egg(egg, clock.getAsLong(), durations))
      : fertilizeNew(egg, request, named, marker))));
  }

  /** Stage, then the proof unused, then the proof itself; the egg and the proof's marker in one synced batch. */
  private Future<EggView> fertilizeNew(Egg egg, FertilizeEggRequest request, String named, String marker) {
    EggStages.fertilize(egg, "", clock.getAsLong(), durations);
    return book.proofUser(marker).compose(user -> {
      if (user.isPresent()) {
        return Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "proof " + named + " already fertilized egg " + user.get()
          + " (a proof of activity counts once)"));
      }
      return proof(request, egg.getOwnerId(), egg.getCreatedAtMs())
        .compose(proof -> book.saveFertilized(EggStages.fertilize(egg, proof, clock.getAsLong(), durations), marker));
    }).map(saved -> {
      scheduler.accept(saved);
      return EggViews.egg(saved, clock.getAsLong(), durations);
    });
  }

  private Future<String> proof(FertilizeEggRequest request, String ownerId, long generatedAtMs) {
    if (!request.getTransactionId().isBlank()) {
      String txId = request.getTransactionId().trim();
      return calls.ask(Addresses.TX_GET, GetTransferRequest.newBuilder().setTxId(txId).build(), 2 * calls.timeoutMs(), Transfer.class)
        .recover(f -> Future.failedFuture(notFound(f, "proof: transaction " + txId + " does not exist")))
        .map(t -> ProofChecks.transfer(t, ownerId, generatedAtMs, proofToleranceMs));
    }
    String attestationId = request.getAttestationId().trim();
    return calls.dhtGet(DhtMaps.ATTESTATIONS, attestationId, true).compose(value -> {
      if (!value.getFound()) {
        return Future.failedFuture(JuiceException.notFound("proof: attestation " + attestationId + " does not exist"));
      }
      PeerAttestation attestation;
      try {
        attestation = PeerAttestation.parseFrom(AttestationRecord.parseFrom(value.getValue()).getAttestation().getAttestation());
      } catch (InvalidProtocolBufferException e) {
        return Future.failedFuture(new JuiceException(ErrorCode.DATA_CORRUPTION, "undecodable attestation " + attestationId, e));
      }
      if (!attestation.getSubjectId().equals(ownerId)) {
        return Future.succeededFuture(ProofChecks.attestation(attestation, null, ownerId, generatedAtMs, proofToleranceMs));
      }
      return calls.ask(Addresses.ATTESTATION_LIST, ListAttestationsRequest.newBuilder().setSubjectId(ownerId).build(),
        2 * calls.timeoutMs(), AttestationList.class).map(list -> ProofChecks.attestation(attestation, list.getAttestationsList().stream()
        .filter(v -> v.getAttestation().getId().equals(attestationId)).findFirst().orElse((AttestationView) null), ownerId,
        generatedAtMs, proofToleranceMs));
    });
  }

  /** The home node of the egg's owner (named in the id); a fertilization needs an ACTIVE owner, a read any. */
  private Future<String> home(String eggId, boolean active) {
    String owner = EggIds.ownerOf(eggId);
    return (active ? calls.activeIdentity("owner", owner) : calls.identity("owner", owner)).map(view -> view.getDocument().getHomeNode());
  }

  private static Throwable notFound(Throwable failure, String text) {
    return failure instanceof JuiceException je && je.code() == ErrorCode.NOT_FOUND ? JuiceException.notFound(text) : failure;
  }
}
