package org.juicetokens.transport.discovery;

import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.dht.proto.DhtWriteResult;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.NodeVersion;
import org.juicetokens.node.config.Settings;
import org.juicetokens.transport.discovery.proto.PeerAdvertisement;

/**
 * Signs a fresh advertisement of this node (issued now) with the node key and puts it in the
 * DHT with the advertisement TTL, through the DHT layer (which runs the verifier before putting).
 */
final class AdvertisementPublisher {
  private final NodeContext node;
  private final EventBus bus;
  private final PeerAdvertisement template;
  private final long ttlSeconds;

  AdvertisementPublisher(NodeContext node, EventBus bus, String advertisedHost, int httpPort, String pipeEndpoint) {
    this.node = node;
    this.bus = bus;
    this.ttlSeconds = node.config().integer(Settings.DISCOVERY_AD_TTL_S);
    this.template = PeerAdvertisement.newBuilder()
      .setNodeId(node.nodeId())
      .setNodePublicKey(ByteString.copyFrom(node.nodeKey().publicKey()))
      .addAddresses(DnsPeerSource.hostPort(advertisedHost, httpPort))
      .setPipeEndpoint(pipeEndpoint)
      .setVersion(NodeVersion.VERSION)
      .setClusterName(node.config().string(Settings.CLUSTER_NAME))
      .build();
  }

  Future<DhtWriteResult> publish() {
    PeerAdvertisement ad = template.toBuilder().setIssuedAtMs(System.currentTimeMillis()).build();
    return node.instrumented().run(Layer.DISCOVERY, "advertise", "endpoint=" + ad.getPipeEndpoint(),
      () -> Bus.request(bus, Addresses.DHT_PUT, Advertisements.signedPut(ad, node.nodeKey(), ttlSeconds),
        node.config().requestTimeoutMs(), DhtWriteResult.class));
  }
}
