package org.juicetokens.trust.attestation;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtGetRequest;
import org.juicetokens.foundation.dht.proto.DhtPutCondition;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.foundation.dht.proto.DhtValue;
import org.juicetokens.foundation.dht.proto.DhtWriteResult;
import org.juicetokens.trust.attestation.proto.AttestationIndex;
import org.juicetokens.trust.attestation.proto.SignedSystemAttestation;

import java.util.Optional;

/**
 * System attestations in the DHT: {@code jt.systemAttestations/<txId>/<identityId>} (claimed
 * IF_ABSENT, signed by the node key) and the per-subject index {@code jt.systemAttestations.bySubject}
 * (compare-and-set, bounded to the newest {@code maxIds} ids: a reputation never counts more).
 */
final class SystemAttestationDht {
  static final String MAP = DhtMaps.SYSTEM_ATTESTATIONS;
  static final String INDEX = DhtMaps.SYSTEM_ATTESTATIONS_BY_SUBJECT;

  private final EventBus bus;
  private final NodeKeyRegistry registry;
  private final long timeoutMs;
  private final SubjectIndex index;

  SystemAttestationDht(EventBus bus, NodeKeyRegistry registry, long timeoutMs) {
    this.bus = bus;
    this.registry = registry;
    this.timeoutMs = timeoutMs;
    this.index = new SubjectIndex(bus, INDEX, timeoutMs, System::currentTimeMillis, SubjectIndex.WhenFull.DROP_OLDEST);
  }

  /** What a claim found: the id is now ours, was ours already (a retried publication), or holds another attestation. */
  enum Claim { CLAIMED, ALREADY, TAKEN }

  Future<Claim> claim(String id, SignedSystemAttestation record) {
    DhtPutRequest put = registry.signedPut(MAP, id, record.toByteString()).setCondition(DhtPutCondition.IF_ABSENT).build();
    return Bus.request(bus, Addresses.DHT_PUT, put, timeoutMs, DhtWriteResult.class).map(result -> {
      if (result.getApplied()) {
        return Claim.CLAIMED;
      }
      try {
        boolean same = SignedSystemAttestation.parseFrom(result.getCurrentValue()).getAttestation().equals(record.getAttestation());
        return same ? Claim.ALREADY : Claim.TAKEN;
      } catch (InvalidProtocolBufferException e) {
        return Claim.TAKEN;
      }
    });
  }

  /** Adds {@code id} as the newest of the subject's index, dropping the oldest beyond {@code maxIds}; retried on a lost race. */
  Future<Void> addToIndex(String subjectId, String id, int maxIds, int attempts) {
    return index.add(subjectId, id, maxIds, attempts).mapEmpty();
  }

  Future<AttestationIndex> index(String subjectId) {
    return index.read(subjectId);
  }

  /** The record under {@code id}, empty when absent; an entry the DHT verifier refuses fails UNAUTHENTICATED. */
  Future<Optional<SignedSystemAttestation>> record(String id) {
    return get(MAP, id, true).map(v -> {
      if (!v.getFound()) {
        return Optional.empty();
      }
      try {
        return Optional.of(SignedSystemAttestation.parseFrom(v.getValue()));
      } catch (InvalidProtocolBufferException e) {
        throw new JuiceException(ErrorCode.UNAUTHENTICATED, "system attestation does not decode", e);
      }
    });
  }

  private Future<DhtValue> get(String map, String key, boolean verify) {
    return Bus.request(bus, Addresses.DHT_GET, DhtGetRequest.newBuilder().setMap(map).setKey(key).setVerifySignature(verify).build(),
      timeoutMs, DhtValue.class);
  }

}
