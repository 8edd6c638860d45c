package org.juicetokens.transport.discovery;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.Errors;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.proto.DhtValue;
import org.juicetokens.transport.discovery.proto.DiscoveryMethod;
import org.juicetokens.transport.discovery.proto.PeerAdvertisement;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * CLUSTER: the current Hazelcast members (other than this node) that have a valid
 * advertisement. Each member's advertisement is read through the DHT with signature
 * verification; one that fails any check is dropped and reported to {@code rejected} with a
 * bounded reason, never trusted. A member without an advertisement yet is simply not a peer.
 */
public final class ClusterPeerSource implements PeerSource {
  private final Supplier<List<String>> otherMembers;
  private final Function<String, Future<DhtValue>> readVerified;
  private final String clusterName;
  private final LongSupplier clock;
  private final long maxAgeMs;
  private final BiConsumer<String, String> rejected;

  /**
   * @param readVerified reads a node's advertisement entry, failing UNAUTHENTICATED on a bad or missing signature
   * @param maxAgeMs     older advertisements are stale (a replay of one that was once valid)
   * @param rejected     told (reason, node id) of every refused advertisement
   */
  public ClusterPeerSource(Supplier<List<String>> otherMembers, Function<String, Future<DhtValue>> readVerified, String clusterName,
                           LongSupplier clock, long maxAgeMs, BiConsumer<String, String> rejected) {
    this.otherMembers = otherMembers;
    this.readVerified = readVerified;
    this.clusterName = clusterName;
    this.clock = clock;
    this.maxAgeMs = maxAgeMs;
    this.rejected = rejected;
  }

  @Override
  public DiscoveryMethod method() {
    return DiscoveryMethod.CLUSTER;
  }

  @Override
  public Future<Void> find(Consumer<PeerCandidate> found) {
    List<Future<Void>> reads = new ArrayList<>();
    for (String nodeId : otherMembers.get()) {
      reads.add(readVerified.apply(nodeId).transform(ar -> ar.succeeded()
        ? accept(nodeId, ar.result(), found)
        : refuse(nodeId, ar.cause())));
    }
    return Future.join(reads).transform(ignored -> {
      List<String> failures = reads.stream().filter(Future::failed).map(f -> f.cause().getMessage()).toList();
      return failures.isEmpty() ? Future.succeededFuture()
        : Future.failedFuture(JuiceException.unavailable(String.join("; ", failures), null));
    });
  }

  private Future<Void> accept(String nodeId, DhtValue value, Consumer<PeerCandidate> found) {
    if (!value.getFound()) {
      return Future.succeededFuture();
    }
    PeerAdvertisement ad;
    try {
      ad = PeerAdvertisement.parseFrom(value.getValue());
    } catch (InvalidProtocolBufferException e) {
      rejected.accept(Rejections.MALFORMED, nodeId);
      return Future.succeededFuture();
    }
    String reason = Advertisements.rejection(ad, nodeId, clusterName, clock.getAsLong(), maxAgeMs);
    if (reason != null) {
      rejected.accept(reason, nodeId);
    } else {
      found.accept(Advertisements.candidate(ad));
    }
    return Future.succeededFuture();
  }

  /** A refused entry is a rejection, not a failed round; the DHT being unreachable is a failure. */
  private Future<Void> refuse(String nodeId, Throwable failure) {
    JuiceException je = Errors.toJuice(failure);
    if (je.code() == ErrorCode.UNAUTHENTICATED) {
      rejected.accept(String.valueOf(je.getMessage()).contains("only signed") ? Rejections.UNSIGNED : Rejections.BAD_SIGNATURE, nodeId);
      return Future.succeededFuture();
    }
    if (je.code() == ErrorCode.DATA_CORRUPTION) {
      rejected.accept(Rejections.MALFORMED, nodeId);
      return Future.succeededFuture();
    }
    return Future.failedFuture(JuiceException.unavailable("advertisement of " + nodeId + ": " + je.getMessage(), je));
  }
}
