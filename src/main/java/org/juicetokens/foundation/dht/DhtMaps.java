package org.juicetokens.foundation.dht;

import java.util.List;

/** The Hazelcast maps that make up the DHT (PROTOCOL.md §DHT). All share the {@code jt.} prefix. */
public final class DhtMaps {
  private DhtMaps() {
  }

  public static final String PREFIX = "jt.";
  public static final String IDENTITIES = "jt.identities";
  public static final String ATTESTATIONS = "jt.attestations";
  public static final String ATTESTATIONS_BY_SUBJECT = "jt.attestations.bySubject";
  public static final String TOKEN_INDEX = "jt.tokenIndex";
  public static final String ISSUANCES = "jt.issuances";
  public static final String PEER_ADVERTISEMENTS = "jt.peerAdvertisements";
  public static final String CHAIN_HEADS = "jt.chainHeads";
  /** Communities (signed by the founder), community attestations (CAS per approval) and their subject index. */
  public static final String COMMUNITIES = "jt.communities";
  public static final String COMMUNITY_ATTESTATIONS = "jt.communityAttestations";
  public static final String COMMUNITY_ATTESTATIONS_BY_SUBJECT = "jt.communityAttestations.bySubject";
  /** Node id → NodeKeyRecord: every public key the node ever signed with (system attestations). */
  public static final String NODE_KEYS = "jt.nodeKeys";
  public static final String SYSTEM_ATTESTATIONS = "jt.systemAttestations";
  public static final String SYSTEM_ATTESTATIONS_BY_SUBJECT = "jt.systemAttestations.bySubject";
  /** Genesis pools (lifecycle/egg): pool id → GenesisPool signed by its issuer, with every member's signed membership. */
  public static final String GENESIS_POOLS = "jt.genesisPools";
  /** The generic key/value map behind {@code /api/v1/dht/{key}}. */
  public static final String KV = "jt.kv";

  public static final List<String> ALL = List.of(IDENTITIES, ATTESTATIONS, ATTESTATIONS_BY_SUBJECT, TOKEN_INDEX,
    ISSUANCES, PEER_ADVERTISEMENTS, CHAIN_HEADS, KV, COMMUNITIES, COMMUNITY_ATTESTATIONS, COMMUNITY_ATTESTATIONS_BY_SUBJECT,
    NODE_KEYS, SYSTEM_ATTESTATIONS, SYSTEM_ATTESTATIONS_BY_SUBJECT, GENESIS_POOLS);
}
