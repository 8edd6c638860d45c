package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
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
import org.juicetokens.trust.attestation.proto.AttestationIndex;
import org.juicetokens.trust.attestation.proto.CommunityAttestation;
import org.juicetokens.trust.attestation.proto.SignedCommunity;

import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The community part's DHT requests: the founder-signed declarations in {@code jt.communities},
 * the member-signed community attestations in {@code jt.communityAttestations} (claim, then
 * compare-and-set per approval) and their subject index. Identity and signing go through
 * {@link AttestationCalls}.
 */
final class CommunityCalls {
  static final String COMMUNITIES = DhtMaps.COMMUNITIES;
  static final String RECORDS = DhtMaps.COMMUNITY_ATTESTATIONS;
  static final String INDEX = DhtMaps.COMMUNITY_ATTESTATIONS_BY_SUBJECT;

  private final EventBus bus;
  private final long timeoutMs;
  private final LongSupplier clock;
  private final AttestationCalls base;
  private final SubjectIndex index;

  CommunityCalls(EventBus bus, long timeoutMs, LongSupplier clock, AttestationCalls base) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
    this.clock = clock;
    this.base = base;
    this.index = new SubjectIndex(bus, INDEX, timeoutMs, clock, SubjectIndex.WhenFull.REFUSE);
  }

  AttestationCalls base() {
    return base;
  }

  /** The declaration under {@code id}, empty when absent; an entry the verifier refuses answers UNAUTHENTICATED. */
  Future<Optional<SignedCommunity>> community(String id) {
    return get(COMMUNITIES, id, true).map(v -> v.map(bytes -> parse(bytes, SignedCommunity::parseFrom)));
  }

  Future<Optional<CommunityAttestation>> record(String id) {
    return get(RECORDS, id, true).map(v -> v.map(bytes -> parse(bytes, CommunityAttestation::parseFrom)));
  }

  Future<AttestationIndex> index(String subjectId) {
    return index.read(subjectId);
  }

  /** Claims {@code id} for a declaration, the entry signed by the founder. */
  Future<DhtWriteResult> claimCommunity(String id, String founderId, SignedCommunity signed) {
    return signedPut(COMMUNITIES, id, signed.toByteString(), founderId, null);
  }

  /** Publishes a record signed by {@code signerId}: a claim, or a compare-and-set on {@code previous}. */
  Future<DhtWriteResult> publish(String id, String signerId, CommunityAttestation record, CommunityAttestation previous) {
    return signedPut(RECORDS, id, record.toByteString(), signerId, previous == null ? null : previous.toByteString());
  }

  /** Adds {@code id} to the subject's index (compare-and-set, retried on a lost race); CONFLICT when the index is full. */
  Future<Void> addToIndex(String subjectId, String id, int maxIds, int attempts) {
    return index.add(subjectId, id, maxIds, attempts).compose(in -> in ? Future.<Void>succeededFuture()
      : Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "subject " + subjectId + " already has " + maxIds
        + " community attestations (attestation.maxPerSubject)")));
  }

  private Future<DhtWriteResult> signedPut(String map, String key, ByteString value, String signerId, ByteString expected) {
    long now = clock.getAsLong();
    byte[] payload = DhtEntryVerifier.signedBytes(map, key, DhtEntry.newBuilder().setValue(value).setWrittenAtMs(now).build());
    return base.sign(signerId, "dht", payload).compose(signature -> {
      DhtPutRequest.Builder put = DhtPutRequest.newBuilder().setMap(map).setKey(key).setValue(value).setWrittenAtMs(now)
        .setSignerId(signerId).setSignerPublicKey(signature.getPublicKey()).setSignature(signature.getSignature());
      if (expected == null) {
        put.setCondition(DhtPutCondition.IF_ABSENT);
      } else {
        put.setCondition(DhtPutCondition.IF_VALUE_MATCHES).setExpectedValue(expected);
      }
      return Bus.request(bus, Addresses.DHT_PUT, put.build(), timeoutMs, DhtWriteResult.class);
    });
  }

  private Future<Optional<ByteString>> get(String map, String key, boolean verify) {
    return Bus.request(bus, Addresses.DHT_GET, DhtGetRequest.newBuilder().setMap(map).setKey(key).setVerifySignature(verify).build(),
      timeoutMs, DhtValue.class).map(v -> v.getFound() ? Optional.of(v.getValue()) : Optional.empty());
  }

  private interface Parser<T> {
    T parse(ByteString bytes) throws InvalidProtocolBufferException;
  }

  private static <T> T parse(ByteString bytes, Parser<T> parser) {
    try {
      return parser.parse(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new JuiceException(ErrorCode.DATA_CORRUPTION, "community entry does not decode", e);
    }
  }
}
