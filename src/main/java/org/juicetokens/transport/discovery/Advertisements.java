package org.juicetokens.transport.discovery;

import com.google.protobuf.ByteString;
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.node.NodeKey;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Setting;
import org.juicetokens.node.config.Settings;
import org.juicetokens.transport.discovery.proto.DiscoveryMethod;
import org.juicetokens.transport.discovery.proto.PeerAdvertisement;

import java.util.List;

/**
 * Writing and reading this node's advertisements: the signed DHT put that publishes one, and
 * the reader-side checks of one fetched (after the DHT verified its signature).
 */
public final class Advertisements {
  private Advertisements() {
  }

  /** The put of {@code ad} under its node id, signed by {@code key}, living {@code ttlSeconds}. */
  public static DhtPutRequest signedPut(PeerAdvertisement ad, NodeKey key, long ttlSeconds) {
    String map = DhtMaps.PEER_ADVERTISEMENTS;
    ByteString value = ad.toByteString();
    long writtenAtMs = ad.getIssuedAtMs();
    DhtEntry unsigned = DhtEntry.newBuilder().setValue(value).setWrittenAtMs(writtenAtMs).build();
    byte[] signature = key.sign(DhtEntryVerifier.signedBytes(map, ad.getNodeId(), unsigned));
    return DhtPutRequest.newBuilder()
      .setMap(map)
      .setKey(ad.getNodeId())
      .setValue(value)
      .setTtlSeconds(ttlSeconds)
      .setWrittenAtMs(writtenAtMs)
      .setSignerId(ad.getNodeId())
      .setSignerPublicKey(ByteString.copyFrom(key.publicKey()))
      .setSignature(ByteString.copyFrom(signature))
      .build();
  }

  /** Why a fetched, signature-checked advertisement is still not trusted; {@code null} when it is. */
  public static String rejection(PeerAdvertisement ad, String expectedNodeId, String clusterName, long nowMs, long maxAgeMs) {
    if (!ad.getNodeId().equals(expectedNodeId)) {
      return Rejections.BAD_SIGNATURE;
    }
    if (!ad.getClusterName().equals(clusterName)) {
      return Rejections.WRONG_CLUSTER;
    }
    // a validly signed but old advertisement put back in the map (a replay) outlives no TTL
    if (nowMs - ad.getIssuedAtMs() > maxAgeMs) {
      return Rejections.STALE;
    }
    if (ad.getPipeEndpoint().isEmpty()) {
      return Rejections.MALFORMED;
    }
    return null;
  }

  /** The host in this node's pipe endpoint: transport.advertisedHost, else cluster.publicHost, else cluster.host. */
  public static String advertisedHost(NodeConfig config) {
    for (Setting s : List.of(Settings.TRANSPORT_ADVERTISED_HOST, Settings.CLUSTER_PUBLIC_HOST, Settings.CLUSTER_HOST)) {
      String host = config.string(s);
      if (!host.isBlank()) {
        return host.trim();
      }
    }
    return "127.0.0.1";
  }

  public static PeerCandidate candidate(PeerAdvertisement ad) {
    return new PeerCandidate(ad.getNodeId(), List.copyOf(ad.getAddressesList()), ad.getPipeEndpoint(), ad.getVersion(),
      DiscoveryMethod.CLUSTER, "");
  }
}
