package org.juicetokens.token.creation;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtGetRequest;
import org.juicetokens.foundation.dht.proto.DhtValue;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreEntry;
import org.juicetokens.foundation.storage.proto.StoreScan;
import org.juicetokens.foundation.storage.proto.StoreScanResult;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.BusCalls;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Nodes, identities and the bus calls of the token tests (each with a generous timeout). */
final class TokenTestSupport {
  static final long TIMEOUT_MS = 30_000;

  private TokenTestSupport() {
  }

  /** Starts {@code ids.size()} clustered nodes (see {@link InJvmClusters#startCluster}). */
  static List<JuiceNode> startCluster(Path tmp, List<String> ids, Map<String, String> extra) throws Exception {
    return InJvmClusters.startCluster(tmp, ids, extra);
  }

  static void closeAll(List<JuiceNode> nodes) throws Exception {
    InJvmClusters.closeAll(nodes);
  }

  static <R extends Message> R ask(JuiceNode node, String address, Message request, Class<R> type) throws Exception {
    return BusCalls.ask(node, address, request, type, TIMEOUT_MS);
  }

  static JuiceException failure(JuiceNode node, String address, Message request) {
    return BusCalls.failure(node, address, request, TIMEOUT_MS);
  }


  /** A new identity homed on {@code node}; answers its id. */
  static String identity(JuiceNode node, String name) throws Exception {
    return ask(node, Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName(name).build(), IdentityView.class)
      .getDocument().getId();
  }

  static MintRequest request(String issuer, String owner, String reference, int denomination, int count) {
    return MintRequest.newBuilder().setIssuerId(issuer).setOwnerId(owner).setReference(reference)
      .setDenomination(denomination).setCount(count).build();
  }

  static MintReply mint(JuiceNode via, String issuer, String owner, String reference, int denomination, int count) throws Exception {
    return ask(via, Addresses.TOKEN_MINT, request(issuer, owner, reference, denomination, count), MintReply.class);
  }

  /**
   * Every record of the TOKENS family of a node, as "key=value-hash" lines (for before/after
   * comparisons), without the index outbox markers: those of an earlier mint are removed
   * asynchronously, after its answer.
   */
  static List<String> tokenStore(JuiceNode node) throws Exception {
    StoreScanResult scan = ask(node, Addresses.STORAGE_SCAN, StoreScan.newBuilder().setFamily(StoreFamily.TOKENS.dbName())
      .setPrefix(ByteString.EMPTY).setLimit(10_000).build(), StoreScanResult.class);
    List<String> lines = new ArrayList<>();
    for (StoreEntry e : scan.getEntriesList()) {
      if (e.getKey().toStringUtf8().startsWith(TokenStoreLayout.PENDING_INDEX_PREFIX)) {
        continue;
      }
      lines.add(e.getKey().toStringUtf8() + "=" + e.getValue().hashCode());
    }
    return lines;
  }

  static DhtValue dht(JuiceNode node, String map, String key) throws Exception {
    return ask(node, Addresses.DHT_GET, DhtGetRequest.newBuilder().setMap(map).setKey(key).build(), DhtValue.class);
  }

  static long dhtEntries(JuiceNode node, String map) {
    return node.context().hazelcast().getMap(map).size();
  }

  static String issuances() {
    return DhtMaps.ISSUANCES;
  }
}
