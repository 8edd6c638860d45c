package org.juicetokens.trust.attestation;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.proto.DhtGetRequest;
import org.juicetokens.foundation.dht.proto.DhtPutCondition;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.foundation.dht.proto.DhtValue;
import org.juicetokens.foundation.dht.proto.DhtWriteResult;
import org.juicetokens.trust.attestation.proto.AttestationIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The ids of the attestations about each subject, one DHT entry per subject in {@code map}
 * (peer, community and system attestations each have their own map). An id is added by
 * compare-and-set on the entry's bytes, re-read and retried on a lost race. A full index either
 * refuses the id ({@link WhenFull#REFUSE}: the creation is refused) or drops its oldest ids
 * ({@link WhenFull#DROP_OLDEST}: only the newest count, as for completed transfers).
 */
final class SubjectIndex {
  enum WhenFull { REFUSE, DROP_OLDEST }

  private final EventBus bus;
  private final String map;
  private final long timeoutMs;
  private final LongSupplier clock;
  private final WhenFull whenFull;

  SubjectIndex(EventBus bus, String map, long timeoutMs, LongSupplier clock, WhenFull whenFull) {
    this.bus = bus;
    this.map = map;
    this.timeoutMs = timeoutMs;
    this.clock = clock;
    this.whenFull = whenFull;
  }

  /** The index of {@code subjectId} (empty when there is none). */
  Future<AttestationIndex> read(String subjectId) {
    return get(subjectId).map(v -> v.getFound() ? parse(v) : AttestationIndex.getDefaultInstance());
  }

  /**
   * Adds {@code id}, retried on a lost race (at most {@code attempts} times): true once it is in (also when it
   * already was), false when the index holds {@code maxIds} and refuses more; CONFLICT when the races never end.
   */
  Future<Boolean> add(String subjectId, String id, int maxIds, int attempts) {
    return get(subjectId).compose(current -> {
      AttestationIndex index = current.getFound() ? parse(current) : AttestationIndex.getDefaultInstance();
      Optional<AttestationIndex> next = withId(index, id, maxIds, whenFull);
      if (next.isEmpty()) {
        return Future.succeededFuture(index.getIdsList().contains(id));
      }
      DhtPutRequest.Builder put = DhtPutRequest.newBuilder().setMap(map).setKey(subjectId).setValue(next.get().toByteString())
        .setWrittenAtMs(clock.getAsLong());
      if (current.getFound()) {
        put.setCondition(DhtPutCondition.IF_VALUE_MATCHES).setExpectedValue(current.getValue());
      } else {
        put.setCondition(DhtPutCondition.IF_ABSENT);
      }
      return Bus.request(bus, Addresses.DHT_PUT, put.build(), timeoutMs, DhtWriteResult.class).compose(result -> result.getApplied()
        ? Future.succeededFuture(true)
        : attempts > 1 ? add(subjectId, id, maxIds, attempts - 1)
        : Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, map + " index of " + subjectId + " kept changing; try again")));
    });
  }

  /** The index with {@code id} added; empty when nothing is to be written (already in, or full and refusing). Pure. */
  static Optional<AttestationIndex> withId(AttestationIndex index, String id, int maxIds, WhenFull whenFull) {
    if (index.getIdsList().contains(id) || whenFull == WhenFull.REFUSE && index.getIdsCount() >= maxIds) {
      return Optional.empty();
    }
    List<String> ids = new ArrayList<>(index.getIdsList());
    ids.add(id);
    return Optional.of(AttestationIndex.newBuilder().addAllIds(ids.subList(Math.max(0, ids.size() - maxIds), ids.size())).build());
  }

  private Future<DhtValue> get(String subjectId) {
    return Bus.request(bus, Addresses.DHT_GET, DhtGetRequest.newBuilder().setMap(map).setKey(subjectId).build(), timeoutMs, DhtValue.class);
  }

  private AttestationIndex parse(DhtValue value) {
    try {
      return AttestationIndex.parseFrom(value.getValue());
    } catch (InvalidProtocolBufferException e) {
      throw new JuiceException(ErrorCode.DATA_CORRUPTION, map + " index does not decode", e);
    }
  }
}
