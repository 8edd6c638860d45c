package org.juicetokens.common;

/**
 * Every event-bus address of the node, in one place: {@code jt.<layer>.<operation>}.
 * Node-local services (storage, time readings, DHT access through this node's member)
 * are registered with {@code localConsumer}, so a clustered bus never routes them to
 * another node. Point-to-point addresses of a given node are built by {@link #node}.
 */
public final class Addresses {
  private Addresses() {
  }

  // foundation/storage (node-local)
  public static final String STORAGE_PUT = "jt.foundation.storage.put";
  public static final String STORAGE_GET = "jt.foundation.storage.get";
  public static final String STORAGE_DELETE = "jt.foundation.storage.delete";
  public static final String STORAGE_SCAN = "jt.foundation.storage.scan";
  public static final String STORAGE_CLEAR = "jt.foundation.storage.clear";
  public static final String STORAGE_BATCH = "jt.foundation.storage.batch";
  public static final String STORAGE_STATS = "jt.foundation.storage.stats";

  // foundation/dht (node-local: the operation runs through this node's Hazelcast member)
  public static final String DHT_PUT = "jt.foundation.dht.put";
  public static final String DHT_GET = "jt.foundation.dht.get";
  public static final String DHT_REMOVE = "jt.foundation.dht.remove";
  public static final String DHT_STATS = "jt.foundation.dht.stats";
  /** DhtLocalKeysRequest → DhtLocalKeys: the keys of a map whose primary copy this member owns (the audit's minted sum). */
  public static final String DHT_LOCAL_KEYS = "jt.foundation.dht.localKeys";
  /** Point-to-point (see node()): one member's own entry counts per DHT map. */
  public static final String DHT_LOCAL_STATS_SUFFIX = "dht.localStats";

  // foundation/time (node-local reading; the peer ping is point-to-point, see node())
  public static final String TIME_NOW = "jt.foundation.time.now";
  public static final String TIME_PING_SUFFIX = "time.ping";
  /** Published (node-local) when this node's time status changes; body: the new TimeReading. */
  public static final String TIME_STATUS = "jt.foundation.time.status";

  // transport/pipe (node-local)
  /** PipeListRequest → PipeList: every pipe of this node with its state and figures. */
  public static final String PIPE_LIST = "jt.transport.pipe.list";
  /** PipeSendRequest → PipeSendResult: a message over a pipe (by pipe id or peer node id). */
  public static final String PIPE_SEND = "jt.transport.pipe.send";
  /** Published for every message a pipe delivered (exactly once, in order); body: PipeDelivery. */
  public static final String PIPE_DELIVERED = "jt.transport.pipe.delivered";

  // transport/discovery (node-local)
  public static final String DISCOVERY_DISCOVER = "jt.transport.discovery.discover";
  public static final String DISCOVERY_PEERS = "jt.transport.discovery.peers";
  public static final String DISCOVERY_STATS = "jt.transport.discovery.stats";

  // transport/framing (node-local: this node's frame codec counters for the admin console)
  public static final String FRAMING_STATS = "jt.transport.framing.stats";

  // trust/identity (node-local)
  /** IdentityLookup → IdentityView: the current identity document from the DHT, verified (NOT_FOUND when unknown). */
  public static final String IDENTITY_GET = "jt.trust.identity.get";
  /**
   * IdentitySignRequest → IdentitySignature: signs with the active key of an identity homed on this
   * node (NOT_FOUND when it is not homed here, PERMISSION_DENIED when revoked). Node-local only.
   */
  public static final String IDENTITY_SIGN = "jt.trust.identity.sign";
  /** CreateIdentityRequest → IdentityView: a new identity homed on this node. */
  public static final String IDENTITY_CREATE = "jt.trust.identity.create";
  /** RotateKeyRequest → IdentityView (routed to the home node). */
  public static final String IDENTITY_ROTATE = "jt.trust.identity.rotate";
  /** RevokeIdentityRequest → IdentityView (routed to the home node). */
  public static final String IDENTITY_REVOKE = "jt.trust.identity.revoke";
  /** ChallengeRequest → Challenge: a single-use challenge issued (and later checked) by this node. */
  public static final String IDENTITY_CHALLENGE = "jt.trust.identity.challenge";
  /** ProveRequest → Proof: the home node signs a challenge with the active key (routed). */
  public static final String IDENTITY_PROVE = "jt.trust.identity.prove";
  /** VerifyProofRequest → ProofVerdict: checks a proof against a challenge this node issued. */
  public static final String IDENTITY_VERIFY_PROOF = "jt.trust.identity.verifyProof";
  /** IdentityStatsRequest → IdentityStats: this node's identity figures for the admin console. */
  public static final String IDENTITY_STATS = "jt.trust.identity.stats";
  /** Point-to-point (see node()): updates and proofs run on the identity's home node. */
  public static final String IDENTITY_ROTATE_SUFFIX = "identity.rotate";
  public static final String IDENTITY_REVOKE_SUFFIX = "identity.revoke";
  public static final String IDENTITY_PROVE_SUFFIX = "identity.prove";

  // trust/chain (node-local entry points; each runs on the identity's home node, asked point-to-point)
  /** ChainAppendRequest → ChainAppendReply: appends to an identity's personal chain (on its home node). */
  public static final String CHAIN_APPEND = "jt.trust.chain.append";
  /** ChainGetRequest → ChainPage: entries of a personal chain, paged. */
  public static final String CHAIN_GET = "jt.trust.chain.get";
  /** ChainVerifyRequest → ChainVerdict: walks a personal chain against the identity document and its DHT head. */
  public static final String CHAIN_VERIFY = "jt.trust.chain.verify";
  /** ChainStatsRequest → ChainStats: this node's chain figures for the admin console. */
  public static final String CHAIN_STATS = "jt.trust.chain.stats";
  /** Node-local publication of every identity created here; body: the new IdentityView. */
  public static final String IDENTITY_CREATED = "jt.trust.identity.created";
  public static final String CHAIN_APPEND_SUFFIX = "chain.append";
  public static final String CHAIN_GET_SUFFIX = "chain.get";
  public static final String CHAIN_VERIFY_SUFFIX = "chain.verify";

  // token/creation (node-local entry points; each finds the node that must answer and asks it point-to-point)
  /** MintRequest → MintReply: runs on the issuer's home node (forwarded there with {@link #TOKEN_MINT_SUFFIX}). */
  public static final String TOKEN_MINT = "jt.token.mint";
  /** TokenRequest → TokenReply: read and verified on the token's home node (found through the DHT token index). */
  public static final String TOKEN_GET = "jt.token.get";
  /** TokenRequest → TokenHistory: the ownership steps of a token, read on its home node. */
  public static final String TOKEN_HISTORY = "jt.token.history";
  /** BalanceRequest → Balance: computed on the identity's home node. */
  public static final String TOKEN_BALANCE = "jt.token.balance";
  /** ListTokensRequest → TokenList: the identity's tokens, from its home node. */
  public static final String TOKEN_LIST = "jt.token.list";
  /** TokenStatsRequest → TokenStats: this node's token figures for the admin console. */
  public static final String TOKEN_STATS = "jt.token.stats";
  /** Point-to-point suffixes (see node()): the same requests answered by the node that holds the data. */
  public static final String TOKEN_MINT_SUFFIX = "token.mint";
  public static final String TOKEN_STORE_SUFFIX = "token.store";
  public static final String TOKEN_GET_SUFFIX = "token.get";
  public static final String TOKEN_HISTORY_SUFFIX = "token.history";
  public static final String TOKEN_BALANCE_SUFFIX = "token.balance";
  public static final String TOKEN_LIST_SUFFIX = "token.list";
  /** Point-to-point on the issuer's home node: RenewalMintRequest → Token (signed, not stored; lifecycle/renewal). */
  public static final String TOKEN_RENEW_MINT_SUFFIX = "token.renewMint";
  /**
   * TokenApply → TokenApplyReply (node-local): one exchange step on the tokens of an owner homed here,
   * checked and written as one atomic batch with the step's WAL record (through the owner's queue, so
   * it never interleaves with a store of the same owner).
   */
  public static final String TOKEN_APPLY = "jt.token.apply";
  /** TokenHeldRequest → TokenHeldReply (node-local): every stored token of an owner homed here, for planning. */
  public static final String TOKEN_HELD = "jt.token.held";

  // token/telomere (node-local)
  /** TelomereStatsRequest → TelomereStats: this node's telomere transformations and verifications. */
  public static final String TELOMERE_STATS = "jt.token.telomere.stats";

  // token/transaction
  /**
   * TransferRequest → Transfer (api.v1): runs the exchange on the payer's home node (forwarded
   * there with {@link #TX_TRANSFER_SUFFIX}); answers when the outcome is known.
   */
  public static final String TX_TRANSFER = "jt.token.tx.transfer";
  /** GetTransferRequest → Transfer: this node's record of the tx, else asked of the other members. */
  public static final String TX_GET = "jt.token.tx.get";
  /** Published cluster-wide for every state change of every exchange side; body: TransferEvent. */
  public static final String TX_EVENTS = "jt.token.tx.events";
  /**
   * Node-local re-publication of every {@link #TX_EVENTS} event this node receives (one clustered
   * consumer per node relays them, api.grpc.TransferEventRelay), so per-request watchers (SSE
   * streams, gRPC WatchTransfer) subscribe with a local consumer: registered at once, no cluster round trip.
   */
  public static final String TX_EVENTS_LOCAL = "jt.token.tx.events.local";
  /** TransactionStatsRequest → TransactionStats: this node's exchanges. */
  public static final String TX_STATS = "jt.token.tx.stats";
  /** AuditRequest → AuditReport: the cluster-wide conservation audit (asks every member with {@link #TX_AUDIT_SUFFIX}). */
  public static final String TX_AUDIT = "jt.token.tx.audit";
  /** Point-to-point: TransferRequest → Transfer on the payer's home node. */
  public static final String TX_TRANSFER_SUFFIX = "tx.transfer";
  /** Point-to-point: GetTransferRequest → Transfer from this node's log (NOT_FOUND when absent). */
  public static final String TX_GET_SUFFIX = "tx.get";
  /** Point-to-point: one TxMessage of an exchange to the node of its addressee (one-way; answered with an empty ack). */
  public static final String TX_MESSAGE_SUFFIX = "tx.message";
  /** Point-to-point: the payee's wallet summary a payer plans with (payee's home node). */
  public static final String TX_QUOTE_SUFFIX = "tx.quote";
  /** Point-to-point: this node's part of the audit. */
  public static final String TX_AUDIT_SUFFIX = "tx.audit";

  // trust/attestation (node-local entry points; each runs on the home node of the identity concerned)
  /** CreateAttestationRequest → AttestationView: signed on the attester's home node (forwarded with the suffix below). */
  public static final String ATTESTATION_CREATE = "jt.trust.attestation.create";
  /** RevokeAttestationRequest → AttestationView: the revocation is signed on the attester's home node. */
  public static final String ATTESTATION_REVOKE = "jt.trust.attestation.revoke";
  /** ListAttestationsRequest → AttestationList: the attestations about a subject, each verified on this read. */
  public static final String ATTESTATION_LIST = "jt.trust.attestation.list";
  /** ReputationRequest → Reputation: computed on the identity's home node (its completed transfers are there). */
  public static final String ATTESTATION_REPUTATION = "jt.trust.attestation.reputation";
  /** AttestationStatsRequest → AttestationStats: every member's attestation counters and their sums, for the admin console. */
  public static final String ATTESTATION_STATS = "jt.trust.attestation.stats";
  /** Point-to-point: AttestationStatsRequest → AttestationStats of that node alone. */
  public static final String ATTESTATION_STATS_SUFFIX = "attestation.stats";
  public static final String ATTESTATION_CREATE_SUFFIX = "attestation.create";
  public static final String ATTESTATION_REVOKE_SUFFIX = "attestation.revoke";
  public static final String ATTESTATION_REPUTATION_SUFFIX = "attestation.reputation";
  /** TrustRequest → TrustAnswer: trust propagated from one identity to another (answered on any node, from the DHT). */
  public static final String ATTESTATION_TRUST = "jt.trust.attestation.trust";
  /** Published cluster-wide when a peer attestation is created or revoked; body: AttestationEvent (the home nodes append chain entries). */
  public static final String ATTESTATION_EVENTS = "jt.trust.attestation.events";

  // trust/attestation, communities (node-local entry points; creation runs on the founder's home node,
  // a proposal on the proposer's, an approval on the approving member's: each signs there)
  /** CreateCommunityRequest → CommunityView. */
  public static final String COMMUNITY_CREATE = "jt.trust.community.create";
  /** GetCommunityRequest → CommunityView (verified on this read; NOT_FOUND when unknown). */
  public static final String COMMUNITY_GET = "jt.trust.community.get";
  /** ProposeCommunityAttestationRequest → CommunityAttestationView. */
  public static final String COMMUNITY_PROPOSE = "jt.trust.community.propose";
  /** ApproveCommunityAttestationRequest → CommunityAttestationView. */
  public static final String COMMUNITY_APPROVE = "jt.trust.community.approve";
  /** GetCommunityAttestationRequest → CommunityAttestationView (verified on this read). */
  public static final String COMMUNITY_ATTESTATION_GET = "jt.trust.community.attestation.get";
  public static final String COMMUNITY_CREATE_SUFFIX = "community.create";
  public static final String COMMUNITY_PROPOSE_SUFFIX = "community.propose";
  public static final String COMMUNITY_APPROVE_SUFFIX = "community.approve";

  // lifecycle/egg (node-local entry points; each forwards to the home node concerned with the suffixes below)
  /** CreateGenesisPoolRequest → GenesisPoolView: created on the issuer's (first member's) home node, each membership signed on the member's. */
  public static final String EGG_POOL_CREATE = "jt.lifecycle.egg.pool.create";
  /** GenerateEggsRequest → EggBatchReply: the eggs are kept on the owner's home node. */
  public static final String EGG_GENERATE = "jt.lifecycle.egg.generate";
  /** FertilizeEggRequest → EggView (on the owner's home node, named in the egg id). */
  public static final String EGG_FERTILIZE = "jt.lifecycle.egg.fertilize";
  /** GetEggRequest → EggView. */
  public static final String EGG_GET = "jt.lifecycle.egg.get";
  /** EggStatsRequest → EggStats: this node's eggs per stage and counters (admin console). */
  public static final String EGG_STATS = "jt.lifecycle.egg.stats";
  public static final String EGG_POOL_CREATE_SUFFIX = "egg.pool.create";
  /** Point-to-point: MembershipSignRequest → SignedMembership, signed by the member homed on that node. */
  public static final String EGG_MEMBERSHIP_SUFFIX = "egg.membership";
  public static final String EGG_GENERATE_SUFFIX = "egg.generate";
  public static final String EGG_FERTILIZE_SUFFIX = "egg.fertilize";
  public static final String EGG_GET_SUFFIX = "egg.get";

  // lifecycle/renewal (node-local entry points; each runs on the token owner's home node, asked point-to-point)
  /** RenewRequest → RenewReply: renews a token (forwarded to its owner's home node with {@link #RENEWAL_RENEW_SUFFIX}). */
  public static final String RENEWAL_RENEW = "jt.lifecycle.renewal.renew";
  /** NoticesRequest → NoticeList: an identity's expiry notices, from its home node. */
  public static final String RENEWAL_NOTICES = "jt.lifecycle.renewal.notices";
  /** RenewalStatsRequest → RenewalStats: this node's renewal figures for the admin console. */
  public static final String RENEWAL_STATS = "jt.lifecycle.renewal.stats";
  /** Published cluster-wide for every expiry notice and renewal; body: RenewalEvent. */
  public static final String RENEWAL_EVENTS = "jt.lifecycle.renewal.events";
  /** Node-local re-publication of {@link #RENEWAL_EVENTS} (the admin event stream subscribes to it). */
  public static final String RENEWAL_EVENTS_LOCAL = "jt.lifecycle.renewal.events.local";
  public static final String RENEWAL_RENEW_SUFFIX = "renewal.renew";
  public static final String RENEWAL_NOTICES_SUFFIX = "renewal.notices";
  /** Point-to-point on the facilitator's home node: RenewalRecord → RenewalRecord, credits a reward under one unit to its wissel (once). */
  public static final String RENEWAL_CREDIT_SUFFIX = "renewal.credit";

  // governance
  public static final String HEALTH_DETAILS = "jt.governance.health.details";
  /** Published (node-local) when cluster membership changes; body: JSON {event, nodeId}. */
  public static final String CLUSTER_MEMBERSHIP = "jt.foundation.cluster.membership";

  // extension runtime (node-local publications the hook dispatcher turns into extension events)
  /** Published (node-local) for every token a mint on this node created; body: the Token (token.proto). */
  public static final String TOKEN_CREATED = "jt.token.created";
  /** Published (node-local) when an egg kept on this node hatched into its token; body: the EggView. */
  public static final String EGG_HATCHED = "jt.lifecycle.egg.hatched";
  /** Published (node-local) by the health component when the overall or a component status changed; body: a JsonObject. */
  public static final String HEALTH_CHANGED = "jt.governance.health.changed";
  /** Published (node-local) by ExtensionContext.notify: JSON {extensionId, kind, payload, atMs} (served as SSE). */
  public static final String EXTENSION_NOTIFICATIONS = "jt.extension.notifications";

  /** A point-to-point address of one node: {@code jt.node.<nodeId>.<suffix>}. */
  public static String node(String nodeId, String suffix) {
    return "jt.node." + nodeId + "." + suffix;
  }
}
