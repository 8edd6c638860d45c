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
 * attestation (jt.attestations, verified) about the owner and valid now (ATTESTATION_LIST's verdict).
 * The check and the write run in the egg's queue, so two fertilizations of one egg cannot both pass.
 */
final class Fertilization {
  private final EggCalls calls;
  private final EggBook book;
  private final KeyedQueue queue;
  private final EggDurations durations;
  private final String nodeId;
  private final LongSupplier clock;
  private final Consumer<Egg> scheduler;

  Fertilization(EggCalls calls, EggBook book, KeyedQueue queue, EggDurations durations, String nodeId, LongSupplier clock,
                Consumer<Egg> scheduler) {
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
    EggIds.ownerOf(id);
    return queue.run(id, () -> book.load(id).compose(egg -> {
      EggStages.fertilize(egg, "", clock.getAsLong(), durations);
      return proof(request, egg.getOwnerId())
        .compose(proof -> book.save(EggStages.fertilize(egg, proof, clock.getAsLong(), durations)));
    })).map(egg -> {
      scheduler.accept(egg);
      return EggViews.egg(egg, clock.getAsLong(), durations);
    });
  }

  private Future<String> proof(FertilizeEggRequest request, String ownerId) {
    if (!request.getTransactionId().isBlank()) {
      String txId = request.getTransactionId().trim();
      return calls.ask(Addresses.TX_GET, GetTransferRequest.newBuilder().setTxId(txId).build(), 2 * calls.timeoutMs(), Transfer.class)
        .recover(f -> Future.failedFuture(notFound(f, "proof: transaction " + txId + " does not exist")))
        .map(t -> ProofChecks.transfer(t, ownerId));
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
        return Future.succeededFuture(ProofChecks.attestation(attestation, null, ownerId));
      }
      return calls.ask(Addresses.ATTESTATION_LIST, ListAttestationsRequest.newBuilder().setSubjectId(ownerId).build(),
        2 * calls.timeoutMs(), AttestationList.class).map(list -> ProofChecks.attestation(attestation, list.getAttestationsList().stream()
        .filter(v -> v.getAttestation().getId().equals(attestationId)).findFirst().orElse((AttestationView) null), ownerId));
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
