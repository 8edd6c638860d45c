package org.juicetokens.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;

/**
 * The Hazelcast configuration of a node, from {@link NodeConfig}: TCP/IP join with an explicit
 * member list, no multicast, slf4j logging, the structures Vert.x needs, and the DHT maps with
 * synchronous backups. With {@code cluster.fastJoin} the join, heartbeat and merge timeouts are
 * short (tests and drills; measured in docs/architecture.md).
 */
public final class ClusterConfigFactory {
  private ClusterConfigFactory() {
  }

  public static Config create(NodeConfig config) {
    Config hz = new Config();
    hz.setClusterName(config.string(Settings.CLUSTER_NAME));
    hz.setInstanceName("juice-" + config.nodeId() + "-" + Long.toHexString(System.nanoTime()));
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    hz.setProperty("hazelcast.socket.bind.any", "false");
    hz.setProperty("hazelcast.partition.count", "271");
    hz.setProperty("hazelcast.merge.first.run.delay.seconds", String.valueOf(config.integer(Settings.CLUSTER_MERGE_DELAY_S)));
    hz.setProperty("hazelcast.merge.next.run.delay.seconds", String.valueOf(config.integer(Settings.CLUSTER_MERGE_DELAY_S)));
    hz.getMemberAttributeConfig().setAttribute("juice.nodeId", config.nodeId());
    // Hazelcast's own metrics (collected every 5 s, published to JMX and Management Center) and its
    // health monitor thread: nothing of this node reads them (the DHT's figures come from
    // IMap.getLocalMapStats, kept by the map statistics below; /metrics is Micrometer). Off: less to
    // start, no steady CPU on an idle node.
    hz.getMetricsConfig().setEnabled(false);
    hz.getMetricsConfig().getJmxConfig().setEnabled(false);
    hz.getMetricsConfig().getManagementCenterConfig().setEnabled(false);
    hz.setProperty("hazelcast.health.monitoring.level", "OFF");

    String host = config.string(Settings.CLUSTER_HOST);
    String publicHost = config.string(Settings.CLUSTER_PUBLIC_HOST);
    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(config.integer(Settings.CLUSTER_PORT)).setPortAutoIncrement(false);
    if (!publicHost.isEmpty()) {
      network.setPublicAddress(publicHost + ":" + config.integer(Settings.CLUSTER_PORT));
    }
    network.getInterfaces().setEnabled(true).addInterface(host);
    if (!isIpAddress(host)) {
      // a host name (docker-compose service name): bind any, advertise the name's address
      hz.setProperty("hazelcast.socket.bind.any", "true");
      network.getInterfaces().setEnabled(false);
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true);
    join.getTcpIpConfig().addMember(host + ":" + config.integer(Settings.CLUSTER_PORT));
    for (String member : config.clusterMembers()) {
      join.getTcpIpConfig().addMember(member);
    }

    if (config.bool(Settings.CLUSTER_FAST)) {
      join.getTcpIpConfig().setConnectionTimeoutSeconds(1);
      hz.setProperty("hazelcast.wait.seconds.before.join", "0");
      hz.setProperty("hazelcast.max.wait.seconds.before.join", "0");
      hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
      hz.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
      hz.setProperty("hazelcast.graceful.shutdown.max.wait", "10");
      hz.setProperty("hazelcast.partition.count", "23");
    } else {
      // Members started together (docker-compose, a restart of all) find each other in a few
      // seconds instead of each electing itself and merging only after the merge delay.
      join.getTcpIpConfig().setConnectionTimeoutSeconds(1);
      hz.setProperty("hazelcast.wait.seconds.before.join", "0");
      hz.setProperty("hazelcast.max.wait.seconds.before.join", "0");
      hz.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
      hz.setProperty("hazelcast.graceful.shutdown.max.wait", "8");
    }

    // structures Vert.x needs
    hz.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
      .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    hz.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    hz.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));

    // the DHT maps: synchronous backups, per-entry TTL, statistics for key distribution
    int backups = config.integer(Settings.DHT_BACKUPS);
    hz.addMapConfig(new MapConfig(DhtMaps.PREFIX + "*").setBackupCount(backups).setAsyncBackupCount(0)
      .setStatisticsEnabled(true).setReadBackupData(false));
    hz.addMapConfig(new MapConfig(DhtMaps.PEER_ADVERTISEMENTS).setBackupCount(backups).setAsyncBackupCount(0)
      .setStatisticsEnabled(true).setTimeToLiveSeconds(config.integer(Settings.DISCOVERY_AD_TTL_S)));
    return hz;
  }

  private static boolean isIpAddress(String host) {
    return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.contains(":");
  }
}
