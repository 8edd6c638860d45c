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
  /** Genesis pools (lifecycle/egg): pool id → GenesisPool signed by its issuer, with every member's signed membership. */
  public static final String GENESIS_POOLS = "jt.genesisPools";
  /** The generic key/value map behind {@code /api/v1/dht/{key}}. */
  public static final String KV = "jt.kv";

  public static final List<String> ALL = List.of(IDENTITIES, ATTESTATIONS, ATTESTATIONS_BY_SUBJECT, TOKEN_INDEX,
    ISSUANCES, PEER_ADVERTISEMENTS, CHAIN_HEADS, KV, GENESIS_POOLS);
}
