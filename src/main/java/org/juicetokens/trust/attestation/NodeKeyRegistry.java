package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
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
import org.juicetokens.node.NodeKey;
import org.juicetokens.trust.attestation.proto.NodeKeyRecord;

import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The node key registry {@code jt.nodeKeys}: node id → every public key the node ever signed with.
 * A node claims its entry IF_ABSENT; when its key changed (a wiped data dir) it appends the new key
 * by compare-and-set, so attestations signed with an older key still verify. Entries are signed
 * as DHT entries by the node key (only NodeKey signs; the private key never leaves it).
 */
final class NodeKeyRegistry {
  static final String MAP = DhtMaps.NODE_KEYS;

  private final EventBus bus;
  private final String nodeId;
  private final NodeKey key;
  private final long timeoutMs;
  private final LongSupplier clock;

  NodeKeyRegistry(EventBus bus, String nodeId, NodeKey key, long timeoutMs, LongSupplier clock) {
    this.bus = bus;
    this.nodeId = nodeId;
    this.key = key;
    this.timeoutMs = timeoutMs;
    this.clock = clock;
  }

  /** A put of {@code value} signed by this node's key as a DHT entry (the caller sets the condition). */
  DhtPutRequest.Builder signedPut(String map, String dhtKey, ByteString value) {
    long now = clock.getAsLong();
    byte[] payload = DhtEntryVerifier.signedBytes(map, dhtKey, DhtEntry.newBuilder().setValue(value).setWrittenAtMs(now).build());
    return DhtPutRequest.newBuilder().setMap(map).setKey(dhtKey).setValue(value).setWrittenAtMs(now).setSignerId(nodeId)
      .setSignerPublicKey(ByteString.copyFrom(key.publicKey())).setSignature(ByteString.copyFrom(key.sign(payload)));
  }

  /** The keys registered for {@code node} (verified entry), empty when it never registered. */
  Future<Optional<List<ByteString>>> keys(String node) {
    return current(node).map(v -> v.getFound()
      ? Optional.ofNullable(NodeKeyEntryVerifier.decode(v.getValue())).map(NodeKeyRecord::getPublicKeysList)
      : Optional.empty());
  }

  /** Makes sure this node's current key is registered; retried on a lost race at most {@code attempts} times. */
  Future<Void> register(int attempts) {
    ByteString mine = ByteString.copyFrom(key.publicKey());
    return current(nodeId).compose(v -> {
      NodeKeyRecord record = v.getFound() ? NodeKeyEntryVerifier.decode(v.getValue()) : null;
      if (record != null && record.getPublicKeysList().contains(mine)) {
        return Future.succeededFuture();
      }
      NodeKeyRecord next = (record == null ? NodeKeyRecord.newBuilder().setNodeId(nodeId) : record.toBuilder()).addPublicKeys(mine).build();
      DhtPutRequest.Builder put = signedPut(MAP, nodeId, next.toByteString());
      if (v.getFound()) {
        put.setCondition(DhtPutCondition.IF_VALUE_MATCHES).setExpectedValue(v.getValue());
      } else {
        put.setCondition(DhtPutCondition.IF_ABSENT);
      }
      return Bus.request(bus, Addresses.DHT_PUT, put.build(), timeoutMs, DhtWriteResult.class).compose(result -> result.getApplied()
        ? Future.<Void>succeededFuture()
        : attempts > 1 ? register(attempts - 1)
        : Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "node key entry of " + nodeId + " kept changing")));
    });
  }

  /** The verified entry (an entry signed by an older key of the node stays valid: that key is still listed). */
  private Future<DhtValue> current(String node) {
    return Bus.request(bus, Addresses.DHT_GET, DhtGetRequest.newBuilder().setMap(MAP).setKey(node).setVerifySignature(true).build(),
      timeoutMs, DhtValue.class);
  }
}
