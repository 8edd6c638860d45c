package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.foundation.dht.proto.DhtGetRequest;
import org.juicetokens.foundation.dht.proto.DhtPutCondition;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.foundation.dht.proto.DhtValue;
import org.juicetokens.foundation.dht.proto.DhtWriteResult;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreAck;
import org.juicetokens.foundation.storage.proto.StorePut;
import org.juicetokens.trust.attestation.proto.AttestationEvent;
import org.juicetokens.trust.attestation.proto.AttestationIndex;
import org.juicetokens.trust.attestation.proto.AttestationRecord;
import org.juicetokens.trust.identity.proto.IdentityStatus;
import org.juicetokens.trust.identity.proto.IdentitySignature;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.juicetokens.trust.identity.IdentityClient;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.LongSupplier;

/** The attestation layer's requests to identity, DHT and storage, each with the node's request timeout. */
final class AttestationCalls {
  static final String MAP = DhtMaps.ATTESTATIONS;
  static final String INDEX = DhtMaps.ATTESTATIONS_BY_SUBJECT;

  private final EventBus bus;
  private final long timeoutMs;
  private final IdentityClient identities;
  private final LongSupplier clock;
  private final SubjectIndex index;

  AttestationCalls(EventBus bus, long timeoutMs, LongSupplier clock) {
    this.identities = new IdentityClient(bus, timeoutMs);
    this.bus = bus;
    this.timeoutMs = timeoutMs;
    this.clock = clock;
    this.index = new SubjectIndex(bus, INDEX, timeoutMs, clock, SubjectIndex.WhenFull.REFUSE);
  }

  <R extends Message> Future<R> ask(String address, Message request, Class<R> type) {
    return Bus.request(bus, address, request, 3 * timeoutMs, type);
  }

  /** The identity document, empty when there is none. */
  Future<Optional<IdentityView>> identity(String id) {
    return identities.find(id);
  }

  /** The attester's identity: NOT_FOUND when unknown, PERMISSION_DENIED unless active and verified. */
  Future<IdentityView> activeAttester(String id) {
    if (id.isBlank()) {
      return Future.failedFuture(JuiceException.invalidArgument("attester id is required"));
    }
    return identity(id).map(found -> {
      IdentityView view = found.orElseThrow(() -> JuiceException.notFound("unknown attester " + id));
      if (!view.getVerified() || view.getDocument().getStatus() != IdentityStatus.ACTIVE) {
        throw new JuiceException(ErrorCode.PERMISSION_DENIED, "attester " + id + " is not an active verified identity");
      }
      return view;
    });
  }

  Future<IdentitySignature> sign(String identityId, String purpose, byte[] data) {
    return identities.sign(identityId, purpose, data);
  }

  /** Publishes {@code record} under its id, signed by the attester as a DHT entry: a claim, or a CAS on {@code previous}. */
  Future<DhtWriteResult> publish(String id, String attesterId, AttestationRecord record, AttestationRecord previous) {
    ByteString value = record.toByteString();
    long now = clock.getAsLong();
    byte[] payload = DhtEntryVerifier.signedBytes(MAP, id, DhtEntry.newBuilder().setValue(value).setWrittenAtMs(now).build());
    return sign(attesterId, "dht", payload).compose(signature -> {
      DhtPutRequest.Builder put = DhtPutRequest.newBuilder().setMap(MAP).setKey(id).setValue(value).setWrittenAtMs(now)
        .setSignerId(attesterId).setSignerPublicKey(signature.getPublicKey()).setSignature(signature.getSignature());
      if (previous == null) {
        put.setCondition(DhtPutCondition.IF_ABSENT);
      } else {
        put.setCondition(DhtPutCondition.IF_VALUE_MATCHES).setExpectedValue(previous.toByteString());
      }
      return Bus.request(bus, Addresses.DHT_PUT, put.build(), timeoutMs, DhtWriteResult.class);
    });
  }

  /**
   * The record under {@code id} (empty when absent). The DHT runs AttestationEntryVerifier; an entry it
   * refuses answers UNAUTHENTICATED, kept as the failure.
   */
  Future<Optional<AttestationRecord>> record(String id) {
    return Bus.request(bus, Addresses.DHT_GET, DhtGetRequest.newBuilder().setMap(MAP).setKey(id).setVerifySignature(true).build(),
      timeoutMs, DhtValue.class).map(v -> v.getFound() ? Optional.of(parseRecord(v.getValue())) : Optional.empty());
  }

  Future<AttestationIndex> index(String subjectId) {
    return index.read(subjectId);
  }

  /** Adds {@code id} to the subject's index: true once it is in (also when it already was), false when it is full ({@code maxIds}). */
  Future<Boolean> addToIndex(String subjectId, String id, int maxIds, int attempts) {
    return index.add(subjectId, id, maxIds, attempts);
  }

  /** Announces a creation or revocation cluster-wide (fire and forget: the chain entries are deduplicated by attestation id). */
  void announce(AttestationEvent event) {
    bus.publish(Addresses.ATTESTATION_EVENTS, event);
  }

  /** The home node of an identity, "" when it is unknown. */
  Future<String> homeOf(String identityId) {
    return identity(identityId).map(found -> found.map(v -> v.getDocument().getHomeNode()).orElse(""));
  }

  /** The attester's home copy: ATTESTATIONS family, key peer/<attesterId>/<id>, synced. */
  Future<StoreAck> keepHome(String attesterId, String id, AttestationRecord record) {
    return Bus.request(bus, Addresses.STORAGE_PUT, StorePut.newBuilder().setFamily(StoreFamily.ATTESTATIONS.dbName())
      .setKey(ByteString.copyFrom("peer/" + attesterId + "/" + id, StandardCharsets.UTF_8)).setValue(record.toByteString()).setSync(true)
      .build(), timeoutMs, StoreAck.class);
  }

  private static AttestationRecord parseRecord(ByteString bytes) {
    try {
      return AttestationRecord.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new JuiceException(ErrorCode.UNAUTHENTICATED, "attestation record does not decode", e);
    }
  }
}
