package org.juicetokens.node.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.juicetokens.node.config.Setting.Kind.BOOLEAN;
import static org.juicetokens.node.config.Setting.Kind.DOUBLE;
import static org.juicetokens.node.config.Setting.Kind.INT;
import static org.juicetokens.node.config.Setting.Kind.LIST;
import static org.juicetokens.node.config.Setting.Kind.LONG;
import static org.juicetokens.node.config.Setting.Kind.STRING;

/**
 * Every setting of the node, declared once. The README's configuration table and
 * {@code bin/juice node --help-config} are produced from this list.
 */
public final class Settings {
  private Settings() {
  }

  private static final Map<String, Setting> ALL = new LinkedHashMap<>();

  private static Setting def(String key, String env, String defaultValue, Setting.Kind kind, String expected, String description) {
    Setting s = new Setting(key, env, defaultValue, kind, expected, description, false);
    ALL.put(key, s);
    return s;
  }

  private static Setting secret(String key, String env, String description) {
    Setting s = new Setting(key, env, "", STRING, "a string", description, true);
    ALL.put(key, s);
    return s;
  }

  // node
  public static final Setting NODE_ID = def("node.id", "JT_NODE_ID", "", STRING, "letters, digits, '-' or '_' (1-64)", "Node id; default: derived from the host name");
  public static final Setting DATA_DIR = def("node.dataDir", "JT_DATA_DIR", "./data", STRING, "a directory path", "Root of the node's data; the node uses <dataDir>/<nodeId>");
  public static final Setting REQUEST_TIMEOUT_MS = def("node.requestTimeoutMs", "JT_REQUEST_TIMEOUT_MS", "5000", LONG, "milliseconds > 0", "Timeout of every event-bus request");

  // http / api
  public static final Setting HTTP_HOST = def("http.host", "JT_HTTP_HOST", "0.0.0.0", STRING, "an interface address", "HTTP listen address");
  public static final Setting HTTP_PORT = def("http.port", "JT_HTTP_PORT", "8080", INT, "an integer 0-65535 (0 = any free port)", "HTTP port: health, metrics, admin, API, gRPC");
  public static final Setting API_TOKEN = secret("api.token", "JT_API_TOKEN", "Bearer token required on mutating API calls when set");
  public static final Setting ADMIN_SNAPSHOT_MS = def("admin.snapshotIntervalMs", "JT_ADMIN_SNAPSHOT_MS", "1000", LONG, "milliseconds > 0", "Interval of admin SSE snapshots");
  public static final Setting API_MAX_BODY_BYTES = def("api.maxBodyBytes", "JT_API_MAX_BODY_BYTES", "2097152", INT, "bytes > 0", "Largest accepted HTTP/JSON request body");
  public static final Setting ADMIN_MAX_CONNECTIONS = def("admin.maxConnections", "JT_ADMIN_MAX_CONNECTIONS", "32", INT, "an integer > 0", "Most concurrent admin SSE connections (each has its own timer)");
  public static final Setting API_TRANSFER_WATCH_MS = def("api.transferWatchMs", "JT_API_TRANSFER_WATCH_MS", "300000", LONG, "milliseconds > 0", "Longest a transfer event stream (SSE /api/v1/transfers/{txId}/events, gRPC WatchTransfer) stays open");
  public static final Setting API_TRANSFER_TIMEOUT_MS = def("api.transferTimeoutMs", "JT_API_TRANSFER_TIMEOUT_MS", "60000", LONG, "milliseconds > 0", "How long a transfer call through the API (HTTP, gRPC, CLI) waits for the exchange's outcome (then UNAVAILABLE; the exchange itself goes on)");
  public static final Setting AUDIT_MEMBER_TIMEOUT_MS = def("audit.memberTimeoutMs", "JT_AUDIT_MEMBER_TIMEOUT_MS", "30000", LONG, "milliseconds > 0", "How long the conservation audit waits for each member's part (a member that does not answer is named in the report)");

  // logging
  public static final Setting LOG_FORMAT = def("log.format", "JT_LOG_FORMAT", "text", STRING, "text or json", "Log line format");
  public static final Setting LOG_LEVEL = def("log.level", "JT_LOG_LEVEL", "INFO", STRING, "TRACE, DEBUG, INFO, WARN or ERROR", "Log level of the node's own loggers");

  // cluster
  public static final Setting CLUSTER_NAME = def("cluster.name", "JT_CLUSTER_NAME", "juicetokens", STRING, "a name", "Hazelcast cluster name; nodes join only their own cluster");
  public static final Setting CLUSTER_HOST = def("cluster.host", "JT_CLUSTER_HOST", "127.0.0.1", STRING, "an interface address or host name", "Address Hazelcast and the event bus bind to");
  public static final Setting CLUSTER_PUBLIC_HOST = def("cluster.publicHost", "JT_CLUSTER_PUBLIC_HOST", "", STRING, "an address or host name", "Address other members use to reach this node (default: cluster.host)");
  public static final Setting CLUSTER_PORT = def("cluster.port", "JT_CLUSTER_PORT", "5701", INT, "an integer 1-65535", "Hazelcast member port");
  public static final Setting CLUSTER_MEMBERS = def("cluster.members", "JT_CLUSTER_MEMBERS", "", LIST, "a comma list of host:port", "Other members to join (TCP/IP); empty = a cluster of one");
  public static final Setting CLUSTER_EVENT_BUS_PORT = def("cluster.eventBusPort", "JT_CLUSTER_EVENT_BUS_PORT", "0", INT, "an integer 0-65535 (0 = any free port)", "Event-bus TCP port");
  public static final Setting CLUSTER_FAST = def("cluster.fastJoin", "JT_CLUSTER_FAST_JOIN", "false", BOOLEAN, "true or false", "Short join, heartbeat and merge timeouts (tests, drills)");
  public static final Setting CLUSTER_MERGE_DELAY_S = def("cluster.mergeDelaySeconds", "JT_CLUSTER_MERGE_DELAY_S", "15", INT, "seconds >= 1", "Delay before split clusters try to merge");

  // storage
  public static final Setting STORAGE_MAX_KEY = def("storage.maxKeyBytes", "JT_STORAGE_MAX_KEY_BYTES", "1024", INT, "bytes > 0", "Largest accepted key");
  public static final Setting STORAGE_MAX_VALUE = def("storage.maxValueBytes", "JT_STORAGE_MAX_VALUE_BYTES", "16777216", INT, "bytes > 0", "Largest accepted value");
  public static final Setting STORAGE_GROUP_COMMIT_MAX = def("storage.groupCommitMaxWrites", "JT_STORAGE_GROUP_COMMIT_MAX", "256", INT, "an integer > 0", "Most synced writes that share one fsync");
  public static final Setting STORAGE_MIN_FREE = def("storage.minFreeBytes", "JT_STORAGE_MIN_FREE_BYTES", "67108864", LONG, "bytes >= 0", "Free disk below which storage health is DOWN");
  public static final Setting STORAGE_MAX_SCAN = def("storage.maxScanEntries", "JT_STORAGE_MAX_SCAN", "10000", INT, "an integer > 0", "Most entries one scan returns (a scan also stops near storage.maxValueBytes)");
  public static final Setting STORAGE_WORKERS = def("storage.workerThreads", "JT_STORAGE_WORKERS", "4", INT, "an integer > 0", "Worker threads running blocking store calls (synced writes wait on the group-commit thread instead)");
  public static final Setting STORAGE_STATS_MS = def("storage.statsIntervalMs", "JT_STORAGE_STATS_MS", "5000", LONG, "milliseconds > 0", "Refresh interval of the store size and disk free figures");

  // dht
  public static final Setting DHT_BACKUPS = def("dht.backupCount", "JT_DHT_BACKUP_COUNT", "1", INT, "an integer 1-6", "Synchronous backups of every DHT map");
  public static final Setting DHT_MAX_VALUE = def("dht.maxValueBytes", "JT_DHT_MAX_VALUE_BYTES", "1048576", INT, "bytes > 0", "Largest accepted DHT value");
  public static final Setting DHT_MAX_KEY_CHARS = def("dht.maxKeyChars", "JT_DHT_MAX_KEY_CHARS", "512", INT, "an integer > 0", "Longest accepted DHT key, in characters");
  public static final Setting DHT_STATS_TIMEOUT_MS = def("dht.statsTimeoutMs", "JT_DHT_STATS_TIMEOUT_MS", "2000", LONG, "milliseconds > 0", "How long DHT stats wait for each member's counts (keep below node.requestTimeoutMs)");

  // time
  public static final Setting NTP_SERVERS = def("time.ntpServers", "JT_NTP_SERVERS", "", LIST, "a comma list of host or host:port", "SNTP servers (none by default: no traffic leaves the node unless asked)");
  public static final Setting NTP_POLL_MS = def("time.ntpPollIntervalMs", "JT_NTP_POLL_MS", "30000", LONG, "milliseconds > 0", "NTP poll interval");
  public static final Setting NTP_TIMEOUT_MS = def("time.ntpTimeoutMs", "JT_NTP_TIMEOUT_MS", "2000", INT, "milliseconds > 0", "SNTP query timeout");
  public static final Setting PEER_POLL_MS = def("time.peerPollIntervalMs", "JT_PEER_POLL_MS", "5000", LONG, "milliseconds > 0", "Peer offset measurement interval");
  public static final Setting TIME_SKEW_MS = def("time.skewMs", "JT_TIME_SKEW_MS", "0", LONG, "milliseconds (may be negative)", "Skews this node's clock (drills and tests)");
  public static final Setting TIME_SOURCE_WINDOW_MS = def("time.sourceWindowMs", "JT_TIME_SOURCE_WINDOW_MS", "60000", LONG, "milliseconds > 0", "Sources count when they answered within this window");
  public static final Setting TIME_OUTLIER_MS = def("time.outlierThresholdMs", "JT_TIME_OUTLIER_MS", "5000", LONG, "milliseconds > 0", "Sources further than this from the median are excluded");
  public static final Setting TIME_VERIFIED_MS = def("time.verifiedAgreementMs", "JT_TIME_VERIFIED_MS", "1000", LONG, "milliseconds > 0", "NTP must agree with consensus within this for VERIFIED");
  public static final Setting TIME_JUMP_MS = def("time.jumpThresholdMs", "JT_TIME_JUMP_MS", "5000", LONG, "milliseconds > 0", "A consensus jump larger than this is suspected spoofing");
  public static final Setting TIME_JUMP_WINDOW_MS = def("time.jumpWindowMs", "JT_TIME_JUMP_WINDOW_MS", "60000", LONG, "milliseconds > 0", "How long a suspected jump keeps the status INADEQUATE");
  public static final Setting TIME_SYSTEM_CONFIDENCE = def("time.systemConfidence", "JT_TIME_SYSTEM_CONFIDENCE", "80", INT, "an integer 1-100", "Confidence (median weight) of the local clock");
  public static final Setting TIME_NTP_CONFIDENCE = def("time.ntpConfidence", "JT_TIME_NTP_CONFIDENCE", "90", INT, "an integer 1-100", "Confidence of an NTP answer with no round trip (lowered by the round trip)");
  public static final Setting TIME_PEER_CONFIDENCE = def("time.peerConfidence", "JT_TIME_PEER_CONFIDENCE", "70", INT, "an integer 1-100", "Confidence of a peer's answer with no round trip (lowered by the round trip)");

  // transport
  public static final Setting TRANSPORT_PEERS = def("transport.peers", "JT_PEERS", "", LIST, "a comma list of ws:// endpoints or DNS names", "Bootstrap peers: ws:// pipe endpoints (STATIC) or host names (DNS)");
  public static final Setting TRANSPORT_ADVERTISED_HOST = def("transport.advertisedHost", "JT_ADVERTISED_HOST", "", STRING, "an address or host name", "Host in this node's advertised pipe endpoint ws://<host>:<http port>/pipe (default: cluster.publicHost, else cluster.host)");

  // transport/discovery
  public static final Setting DISCOVERY_REFRESH_MS = def("discovery.refreshIntervalMs", "JT_DISCOVERY_REFRESH_MS", "10000", LONG, "milliseconds > 0", "How often the node re-signs its advertisement and refreshes its peer table");
  public static final Setting DISCOVERY_AD_TTL_S = def("discovery.advertisementTtlSeconds", "JT_DISCOVERY_AD_TTL_S", "30", INT, "seconds > 0", "Lifetime of this node's advertisement in the DHT (keep above the refresh interval)");
  public static final Setting DISCOVERY_PEER_EXPIRY_MS = def("discovery.peerExpiryMs", "JT_DISCOVERY_PEER_EXPIRY_MS", "30000", LONG, "milliseconds > 0", "Peers not seen for this long leave the peer table");
  public static final Setting DISCOVERY_TIMEOUT_MS = def("discovery.timeoutMs", "JT_DISCOVERY_TIMEOUT_MS", "3000", LONG, "milliseconds > 0", "Time a discovery round may take when the caller gives none (partial results after it)");

  // transport/framing
  public static final Setting FRAMING_MAX_FRAME = def("framing.maxFrameBytes", "JT_FRAMING_MAX_FRAME_BYTES", "1048576", INT, "bytes >= 4096", "Largest frame on the wire (larger messages are chunked)");
  public static final Setting FRAMING_MAX_MESSAGE = def("framing.maxMessageBytes", "JT_FRAMING_MAX_MESSAGE_BYTES", "16777216", INT, "bytes >= framing.maxFrameBytes", "Largest message, reassembled and decompressed");
  public static final Setting FRAMING_MAX_PARTIALS = def("framing.maxPartials", "JT_FRAMING_MAX_PARTIALS", "64", INT, "an integer > 0", "Most partially received chunked messages per pipe");
  public static final Setting FRAMING_PARTIAL_TTL_MS = def("framing.partialTtlMs", "JT_FRAMING_PARTIAL_TTL_MS", "30000", LONG, "milliseconds > 0", "A partial message older than this is dropped");
  public static final Setting FRAMING_COMPRESSION_THRESHOLD = def("framing.compressionThresholdBytes", "JT_FRAMING_COMPRESSION_THRESHOLD", "1024", INT, "bytes >= 0", "Messages of at least this size are compressed (kept only when smaller)");
  public static final Setting FRAMING_COMPRESSION = def("framing.compression", "JT_FRAMING_COMPRESSION", "ZSTD", STRING, "NONE, GZIP or ZSTD", "Compression of messages above the threshold");

  // transport: WebSocket pipes (PROTOCOL.md §Transport)
  public static final Setting PIPE_HEARTBEAT_MS = def("transport.pipe.heartbeatMs", "JT_PIPE_HEARTBEAT_MS", "10000", LONG, "milliseconds > 0", "A heartbeat is sent when a pipe sent nothing for this long");
  public static final Setting PIPE_IDLE_MS = def("transport.pipe.idleTimeoutMs", "JT_PIPE_IDLE_MS", "30000", LONG, "milliseconds > 0", "A connection that received nothing for this long is closed (the client reconnects)");
  public static final Setting PIPE_RETRANSMIT_MS = def("transport.pipe.retransmitMs", "JT_PIPE_RETRANSMIT_MS", "10000", LONG, "milliseconds > 0", "Unacknowledged frames are re-sent after this long");
  public static final Setting PIPE_MAX_RETRANSMITS = def("transport.pipe.maxRetransmits", "JT_PIPE_MAX_RETRANSMITS", "5", INT, "an integer >= 0", "Re-sends of an unacknowledged frame before the pipe closes with TIMEOUT");
  public static final Setting PIPE_BACKOFF_MIN_MS = def("transport.pipe.backoffMinMs", "JT_PIPE_BACKOFF_MIN_MS", "1000", LONG, "milliseconds > 0", "First reconnection delay (doubles per failed attempt, with jitter)");
  public static final Setting PIPE_BACKOFF_MAX_MS = def("transport.pipe.backoffMaxMs", "JT_PIPE_BACKOFF_MAX_MS", "30000", LONG, "milliseconds >= backoffMinMs", "Largest reconnection delay");
  public static final Setting PIPE_RESUMPTION_TTL_MS = def("transport.pipe.resumptionTtlMs", "JT_PIPE_RESUMPTION_TTL_MS", "86400000", LONG, "milliseconds > 0", "How long a session can be resumed after its last contact");
  public static final Setting PIPE_OUTBOX_MESSAGES = def("transport.pipe.outboxMessages", "JT_PIPE_OUTBOX_MESSAGES", "1024", INT, "an integer > 0", "Messages a pipe holds for its peer (away, or slow) before sends fail with RESOURCE_EXHAUSTED");
  public static final Setting PIPE_OUTBOX_BYTES = def("transport.pipe.outboxBytes", "JT_PIPE_OUTBOX_BYTES", "16777216", LONG, "bytes > 0", "Bytes a pipe holds for its peer (one message is always accepted into an empty outbox)");
  public static final Setting PIPE_MAX_IN_FLIGHT = def("transport.pipe.maxInFlight", "JT_PIPE_MAX_IN_FLIGHT", "256", INT, "an integer > 0", "Messages sent and not yet acknowledged (the window)");
  public static final Setting PIPE_ACK_EVERY = def("transport.pipe.ackEvery", "JT_PIPE_ACK_EVERY", "32", INT, "an integer > 0", "A receiver acknowledges at least every this many messages");
  public static final Setting PIPE_ACK_DELAY_MS = def("transport.pipe.ackDelayMs", "JT_PIPE_ACK_DELAY_MS", "20", LONG, "milliseconds > 0", "Longest delay of an acknowledgement (also the pipes' timer tick)");
  public static final Setting PIPE_MAX_SESSIONS = def("transport.pipe.maxSessions", "JT_PIPE_MAX_SESSIONS", "1024", INT, "an integer > 0", "Most inbound pipe sessions (connected or awaiting resumption)");
  public static final Setting PIPE_HANDSHAKE_MS = def("transport.pipe.handshakeTimeoutMs", "JT_PIPE_HANDSHAKE_MS", "5000", LONG, "milliseconds > 0", "A connection without a Hello (server) or Welcome (client) after this long is closed");
  public static final Setting PIPE_STALL_MS = def("transport.pipe.stallTimeoutMs", "JT_PIPE_STALL_MS", "5000", LONG, "milliseconds > 0", "A pipe whose write queue stayed full this long while its outbox is full is closed (RESOURCE_EXHAUSTED: the peer is not reading)");
  public static final Setting PIPE_WRITE_QUEUE_BYTES = def("transport.pipe.writeQueueBytes", "JT_PIPE_WRITE_QUEUE_BYTES", "1048576", INT, "bytes > 0", "WebSocket write queue above which a pipe stops writing and reading (backpressure)");

  // crypto: the memo of positive Ed25519 verifications (crypto/VerifiedSignatures)
  public static final Setting CRYPTO_VERIFIED_CACHE_ENTRIES = def("crypto.verifiedCacheEntries", "JT_CRYPTO_VERIFIED_CACHE_ENTRIES", "65536", INT, "an integer >= 0 (0 = off)", "Positive Ed25519 verifications remembered (keyed by SHA-256 of key, data and signature) so the same signature is not verified again; first in, first out; shared by the nodes of one JVM");

  // trust/identity
  public static final Setting IDENTITY_MASTER_KEY_FILE = def("identity.masterKeyFile", "JT_MASTER_KEY_FILE", "", STRING, "a file path", "Node master key (32 bytes, mode 0600; created when absent) sealing identity keys at rest; default <node data dir>/master.key");
  public static final Setting IDENTITY_MAX_NAME_CHARS = def("identity.maxDisplayNameChars", "JT_IDENTITY_MAX_NAME_CHARS", "64", INT, "an integer > 0", "Longest display name of an identity, in characters (after trimming)");
  public static final Setting IDENTITY_CHALLENGE_TTL_MS = def("identity.challengeTtlMs", "JT_IDENTITY_CHALLENGE_TTL_MS", "60000", LONG, "milliseconds > 0", "How long a proof-of-control challenge can be answered");
  public static final Setting IDENTITY_MAX_CHALLENGES = def("identity.maxChallenges", "JT_IDENTITY_MAX_CHALLENGES", "10000", INT, "an integer > 0", "Most outstanding challenges this node holds (more are refused as UNAVAILABLE)");
  public static final Setting IDENTITY_KNOWN_DOCUMENTS = def("identity.knownDocuments", "JT_IDENTITY_KNOWN_DOCUMENTS", "10000", INT, "an integer > 0", "Identity documents remembered per node to refuse stale or forked ones on later reads");

  // trust/attestation
  public static final Setting ATTESTATION_TYPES = def("attestation.types", "JT_ATTESTATION_TYPES", "reliable,identity,skill,character,other", LIST, "comma-separated labels (1-32 chars)", "Attestation types accepted (a bounded set: the type is a metric label)");
  public static final Setting ATTESTATION_MAX_PER_SUBJECT = def("attestation.maxPerSubject", "JT_ATTESTATION_MAX_PER_SUBJECT", "200", INT, "an integer > 0", "Most attestations indexed about one subject (more are refused as CONFLICT)");
  public static final Setting ATTESTATION_MAX_CONTENT_CHARS = def("attestation.maxContentChars", "JT_ATTESTATION_MAX_CONTENT_CHARS", "1024", INT, "an integer > 0", "Longest attestation content, in characters");
  public static final Setting ATTESTATION_REPUTATION_ROUNDS = def("attestation.reputationRounds", "JT_ATTESTATION_REPUTATION_ROUNDS", "3", INT, "an integer > 0", "Rounds of the attester-weighted reputation computation (bounded iteration)");
  public static final Setting ATTESTATION_MAX_ATTESTERS = def("attestation.reputationMaxAttesters", "JT_ATTESTATION_MAX_ATTESTERS", "50", INT, "an integer > 0", "Most attesters whose own attestations are read to weigh a reputation");
  public static final Setting ATTESTATION_TRANSFER_WEIGHT = def("attestation.transferWeight", "JT_ATTESTATION_TRANSFER_WEIGHT", "0.2", DOUBLE, "a number > 0", "Weight of one completed transfer (a system attestation) in a reputation");
  public static final Setting ATTESTATION_MAX_TRANSFERS = def("attestation.maxTransfers", "JT_ATTESTATION_MAX_TRANSFERS", "50", INT, "an integer > 0", "Most completed transfers counted in a reputation");
  public static final Setting ATTESTATION_COMMUNITY_WEIGHT = def("attestation.communityWeight", "JT_ATTESTATION_COMMUNITY_WEIGHT", "0.5", DOUBLE, "a number > 0", "Weight, per distinct approving member, of one valid community attestation in a reputation");
  public static final Setting COMMUNITY_MAX_MEMBERS = def("community.maxMembers", "JT_COMMUNITY_MAX_MEMBERS", "50", INT, "an integer >= 2", "Most members a community declares (each is read to verify its statements)");
  public static final Setting COMMUNITY_MAX_NAME_CHARS = def("community.maxNameChars", "JT_COMMUNITY_MAX_NAME_CHARS", "100", INT, "an integer > 0", "Longest community name, in characters");
  public static final Setting COMMUNITY_CAS_ATTEMPTS = def("community.casAttempts", "JT_COMMUNITY_CAS_ATTEMPTS", "5", INT, "an integer > 0", "Lost compare-and-set races (an approval, the subject index) retried before CONFLICT");
  public static final Setting ATTESTATION_SYSTEM_BATCH = def("attestation.systemBatch", "JT_ATTESTATION_SYSTEM_BATCH", "64", INT, "an integer > 0", "System attestations published per pass over this node's outbox");
  public static final Setting ATTESTATION_SYSTEM_RETRY_MS = def("attestation.systemRetryMs", "JT_ATTESTATION_SYSTEM_RETRY_MS", "500", LONG, "milliseconds > 0", "First retry delay after publishing system attestations failed (doubles up to attestation.systemMaxRetryMs)");
  public static final Setting ATTESTATION_SYSTEM_MAX_RETRY_MS = def("attestation.systemMaxRetryMs", "JT_ATTESTATION_SYSTEM_MAX_RETRY_MS", "30000", LONG, "milliseconds > 0", "Longest retry delay for publishing system attestations");
  public static final Setting TRUST_MAX_DEPTH = def("trust.maxDepth", "JT_TRUST_MAX_DEPTH", "3", INT, "an integer 1-10", "Longest attestation path trust propagates along (a request may ask for less, never more)");
  public static final Setting ATTESTATION_RESUME_INTERVAL_MS = def("attestation.resumeIntervalMs", "JT_ATTESTATION_RESUME_INTERVAL_MS", "30000", INT, "milliseconds > 0", "How often the home node finishes attestation creations left pending by a failure (also once at start)");
  public static final Setting ATTESTATION_RESUME_MAX_BACKOFF_MS = def("attestation.resumeMaxBackoffMs", "JT_ATTESTATION_RESUME_MAX_BACKOFF_MS", "300000", INT, "milliseconds >= attestation.resumeIntervalMs", "Longest wait between resume passes that keep failing (the wait doubles per failed pass)");
  public static final Setting ATTESTATION_RESUME_BATCH = def("attestation.resumeBatch", "JT_ATTESTATION_RESUME_BATCH", "100", INT, "an integer > 0", "Most pending attestation creations one resume pass finishes");


  // trust/chain
  public static final Setting CHAIN_PAGE_LIMIT = def("chain.pageLimit", "JT_CHAIN_PAGE_LIMIT", "100", INT, "an integer 1-1000", "Most personal-chain entries one read answers (and the default when the caller gives no limit)");
  public static final Setting CHAIN_MAX_VERIFY_ENTRIES = def("chain.maxVerifyEntries", "JT_CHAIN_MAX_VERIFY_ENTRIES", "10000", INT, "an integer > 0, at most storage.maxScanEntries", "Longest personal chain a verify walks (a longer one answers UNAVAILABLE)");

  // token/creation
  public static final Setting TOKEN_LOCATION = def("token.location", "JT_TOKEN_LOCATION", "47c609bc", STRING, "an S2 cell token (1-16 lowercase hex, canonical)", "LOCATION part of the ids of tokens minted here (default: a level-13 cell in Amsterdam)");
  public static final Setting TOKEN_DENOMINATIONS = def("token.denominations", "JT_TOKEN_DENOMINATIONS", "1,2,5,10,20,50,100,200,500", LIST, "a comma list of distinct whole units > 0", "Denominations a token may have");
  public static final Setting TOKEN_LIFETIME_DAYS = def("token.lifetimeDays", "JT_TOKEN_LIFETIME_DAYS", "365", INT, "days > 0", "Lifetime of a minted token (expiry = creation + this)");
  public static final Setting TOKEN_MAX_MINT_COUNT = def("token.maxMintCount", "JT_TOKEN_MAX_MINT_COUNT", "1000", INT, "an integer > 0", "Most tokens one mint call may create");
  public static final Setting TOKEN_MAX_REFERENCE_CHARS = def("token.maxReferenceChars", "JT_TOKEN_MAX_REFERENCE_CHARS", "32", INT, "an integer > 0", "Longest issuance reference (the REFERENCE part of a token id)");
  public static final Setting TOKEN_CLAIM_ATTEMPTS = def("token.claimAttempts", "JT_TOKEN_CLAIM_ATTEMPTS", "8", INT, "an integer > 0", "Compare-and-set attempts to advance an issuance's index counter under concurrent mints before CONFLICT");
  public static final Setting TOKEN_INDEX_RETRY_MS = def("token.indexRetryMs", "JT_TOKEN_INDEX_RETRY_MS", "30000", LONG, "milliseconds > 0", "How often a home node re-publishes token index entries whose DHT write failed after the tokens were stored");
  public static final Setting TOKEN_LIST_LIMIT = def("token.listLimit", "JT_TOKEN_LIST_LIMIT", "1000", INT, "an integer > 0", "Most tokens a list answers (and the default when the caller gives no limit)");

  // token/telomere
  public static final Setting TELOMERE_TAIL_LINKS = def("telomere.tailLinks", "JT_TELOMERE_TAIL_LINKS", "10", INT, "an integer 1-1000", "Links a token's telomere keeps individually; older ones fold into its compost");

  // token/transaction
  public static final Setting TRANSACTION_MIN_TOKENS_AFTER_PAYMENT = def("transaction.minTokensAfterPayment", "JT_TRANSACTION_MIN_TOKENS_AFTER_PAYMENT", "2", INT, "an integer >= 0", "Tokens a payer must still hold after a payment, its wissel included (change received back not counted)");
  public static final Setting TRANSACTION_IDEAL_HOLDING = def("transaction.idealHolding", "JT_TRANSACTION_IDEAL_HOLDING", "5,5,5,5,5,4,3,2,1", LIST, "a comma list of whole numbers >= 1, one per denomination", "Ideal token count per denomination (ascending) the denomination vector clock measures against");
  public static final Setting TX_DEADLINE_MS = def("tx.deadlineMs", "JT_TX_DEADLINE_MS", "30000", LONG, "milliseconds > 0", "A payer not durably committed this long after starting aborts (presumed abort); a prepared payee past it is IN_DOUBT");
  public static final Setting TX_RETRY_MS = def("tx.retryMs", "JT_TX_RETRY_MS", "1000", LONG, "milliseconds > 0", "First re-send / decision-query interval of an exchange (doubled after each try)");
  public static final Setting TX_MAX_RETRY_MS = def("tx.maxRetryMs", "JT_TX_MAX_RETRY_MS", "8000", LONG, "milliseconds >= tx.retryMs", "Ceiling of the exchange's re-send back-off");
  public static final Setting TX_FRESHNESS_MS = def("tx.freshnessMs", "JT_TX_FRESHNESS_MS", "5000", LONG, "milliseconds > 0", "An exchange message older than this, or dated this much ahead of consensus time, is ignored");
  public static final Setting TX_IN_DOUBT_ALERT_MS = def("tx.inDoubtAlertMs", "JT_TX_IN_DOUBT_ALERT_MS", "60000", LONG, "milliseconds > 0", "Health 'transactions' is DEGRADED while an exchange side has been IN_DOUBT longer than this");
  public static final Setting TX_DRILL_COMMIT_DELAY_MS = def("tx.drill.commitDelayMs", "JT_TX_DRILL_COMMIT_DELAY_MS", "0", LONG, "milliseconds >= 0", "DRILL ONLY: the payer waits this long after a Preparation before committing (a window to kill a node in); 0 in production");

  // lifecycle (shared by eggs and renewal) and lifecycle/egg
  public static final Setting LIFECYCLE_TIME_SCALE = def("lifecycle.timeScale", "JT_LIFECYCLE_TIME_SCALE", "1", DOUBLE, "a number >= 1", "Every lifecycle duration (egg dormancy and maturation, renewal notices and expiry) is divided by this; 1 in production, demos and tests use e.g. 1e6");
  public static final Setting EGG_POOL_MIN_MEMBERS = def("egg.poolMinMembers", "JT_EGG_POOL_MIN_MEMBERS", "3", INT, "an integer >= 1", "Fewest identities of a genesis pool");
  public static final Setting EGG_POOL_MAX_MEMBERS = def("egg.poolMaxMembers", "JT_EGG_POOL_MAX_MEMBERS", "12", INT, "an integer >= egg.poolMinMembers", "Most identities of a genesis pool");
  public static final Setting EGG_MAX_BATCH = def("egg.maxBatchCount", "JT_EGG_MAX_BATCH_COUNT", "100", INT, "an integer 1-1000", "Most eggs one generation creates");
  public static final Setting EGG_DORMANCY_HOURS = def("egg.dormancyHours", "JT_EGG_DORMANCY_HOURS", "720", DOUBLE, "hours > 0", "An egg not fertilized this long (÷ lifecycle.timeScale) after its generation expires");
  public static final Setting EGG_FERTILIZED_HOURS = def("egg.fertilizedHours", "JT_EGG_FERTILIZED_HOURS", "24", DOUBLE, "hours > 0", "Time in stage FERTILIZED (÷ lifecycle.timeScale) before INCUBATING");
  public static final Setting EGG_INCUBATING_HOURS = def("egg.incubatingHours", "JT_EGG_INCUBATING_HOURS", "48", DOUBLE, "hours > 0", "Time in stage INCUBATING (÷ lifecycle.timeScale) before HATCHING");
  public static final Setting EGG_HATCHING_HOURS = def("egg.hatchingHours", "JT_EGG_HATCHING_HOURS", "12", DOUBLE, "hours > 0", "Time in stage HATCHING (÷ lifecycle.timeScale) before the egg hatches into its token (ACTIVE)");
  public static final Setting EGG_PROOF_TOLERANCE_MS = def("egg.proofToleranceMs", "JT_EGG_PROOF_TOLERANCE_MS", "5000", LONG, "milliseconds >= 0", "A proof of activity (a transfer's decision, an attestation's creation) may predate its egg's generation by this much, for clocks that differ (not scaled)");
  public static final Setting EGG_RETRY_MS = def("egg.retryMs", "JT_EGG_RETRY_MS", "5000", LONG, "milliseconds > 0", "A stage step that failed (e.g. the hatch's mint while the issuer's node is away) is tried again after this (not scaled)");


  // lifecycle (shared by lifecycle/egg and lifecycle/renewal)

  // lifecycle/renewal
  public static final Setting RENEWAL_NOTICE_DAYS = def("renewal.noticeDays", "JT_RENEWAL_NOTICE_DAYS", "7,3,1", LIST, "a comma list of distinct whole days > 0", "Expiry notices are issued this many days before a token expires (divided by lifecycle.timeScale)");
  public static final Setting RENEWAL_LIFETIME_DAYS = def("renewal.lifetimeDays", "JT_RENEWAL_LIFETIME_DAYS", "365", INT, "days > 0", "Lifetime of a renewed token: its new expiry = renewal time + this (divided by lifecycle.timeScale)");
  public static final Setting RENEWAL_SCAN_MINUTES = def("renewal.noticeScanMinutes", "JT_RENEWAL_SCAN_MINUTES", "60", DOUBLE, "minutes > 0", "How often a node scans the tokens homed on it for due expiry notices (divided by lifecycle.timeScale, at least renewal.minScanMs)");
  public static final Setting RENEWAL_MIN_SCAN_MS = def("renewal.minScanMs", "JT_RENEWAL_MIN_SCAN_MS", "200", LONG, "milliseconds > 0", "Floor of the notice scan interval once scaled");
  public static final Setting RENEWAL_REWARD_PERCENT = def("renewal.facilitatorRewardPercent", "JT_RENEWAL_REWARD_PERCENT", "2", DOUBLE, "a percentage 0-5 (renewal.maxRewardPercent)", "What a facilitator earns of the value of an expired token it helps renew, paid in hundredths by the owner");
  public static final Setting RENEWAL_MAX_REWARD_PERCENT = def("renewal.maxRewardPercent", "JT_RENEWAL_MAX_REWARD_PERCENT", "5", DOUBLE, "a percentage 0-100", "Ceiling of renewal.facilitatorRewardPercent (PROTOCOL.md: at most 5 %)");
  public static final Setting RENEWAL_REWARD_RETRY_MS = def("renewal.rewardRetryMs", "JT_RENEWAL_REWARD_RETRY_MS", "10000", LONG, "milliseconds > 0", "How often unpaid facilitator rewards (durable outbox) are paid again (same transfer id: never twice)");
  public static final Setting RENEWAL_NOTICE_LIMIT = def("renewal.noticeLimit", "JT_RENEWAL_NOTICE_LIMIT", "200", INT, "an integer > 0", "Most notices one GET /identities/{id}/notices answers (newest first)");

  // extensions (extension/runtime, then the registry)
  public static final Setting EXTENSION_DIR = def("extension.dir", "JT_EXTENSION_DIR", "", STRING, "a directory path", "Where extension jars named by manifests are read from; default: <node data dir>/extensions");
  public static final Setting EXTENSION_CALL_TIMEOUT_MS = def("extension.callTimeoutMs", "JT_EXTENSION_CALL_TIMEOUT_MS", "2000", LONG, "milliseconds > 0", "An extension's onEvent not completed within this counts as a failure of its circuit breaker (the node stops waiting)");
  public static final Setting EXTENSION_MAX_FAILURES = def("extension.maxFailures", "JT_EXTENSION_MAX_FAILURES", "5", INT, "an integer > 0", "Failed or timed-out events (within 10 s) that open an extension's circuit breaker");
  public static final Setting EXTENSION_RESET_TIMEOUT_MS = def("extension.resetTimeoutMs", "JT_EXTENSION_RESET_TIMEOUT_MS", "10000", LONG, "milliseconds > 0", "How long an open breaker refuses events before it lets one through again (half-open)");
  public static final Setting EXTENSION_MAX_BREAKER_OPENS = def("extension.maxBreakerOpens", "JT_EXTENSION_MAX_BREAKER_OPENS", "3", INT, "an integer > 0", "Breaker openings after which the runtime stops the extension and reports it DISABLED");
  public static final Setting EXTENSION_START_TIMEOUT_MS = def("extension.startTimeoutMs", "JT_EXTENSION_START_TIMEOUT_MS", "5000", LONG, "milliseconds > 0", "Longest an extension's start or stop may take (a start past it fails the activation: ERROR)");
  public static final Setting EXTENSION_TRUSTED_PUBLISHERS = def("extension.trustedPublishers", "JT_EXTENSION_TRUSTED_PUBLISHERS", "", LIST, "a comma list of Ed25519 public keys (hex); empty = any", "Publishers whose signed extension manifests this node registers and activates; empty accepts any validly signed manifest");
  public static final Setting EXTENSION_SSE_HEARTBEAT_MS = def("extension.notificationsHeartbeatMs", "JT_EXTENSION_NOTIFICATIONS_HEARTBEAT_MS", "15000", LONG, "milliseconds > 0", "Interval of the heartbeat comment on the extension notification stream (SSE /api/v1/extensions/notifications): proxies keep it open and a gone client is noticed");
  public static final Setting EXTENSION_SSE_MAX_STREAMS = def("extension.notificationsMaxStreams", "JT_EXTENSION_NOTIFICATIONS_MAX_STREAMS", "32", INT, "an integer > 0", "Most concurrent extension notification streams (then 503 UNAVAILABLE)");

  // health (governance/health): limits of the UP / DEGRADED / DOWN evaluation; a limit of 0 is off
  public static final Setting HEALTH_PROBE_MS = def("health.probeIntervalMs", "JT_HEALTH_PROBE_MS", "1000", LONG, "milliseconds > 0", "How often the event loops' timer lateness and the process resources (CPU, heap, open files) are measured");
  public static final Setting HEALTH_EVALUATE_MS = def("health.evaluateIntervalMs", "JT_HEALTH_EVALUATE_MS", "2000", LONG, "milliseconds > 0", "How often every health procedure is evaluated for the juice_health_status gauges and the health.changed event");
  public static final Setting HEALTH_EVENT_LOOP_DEGRADED_MS = def("health.eventLoopDelayDegradedMs", "JT_HEALTH_EVENT_LOOP_DEGRADED_MS", "200", LONG, "milliseconds >= 0", "Health 'eventloop' is DEGRADED when an event loop runs a timer this late");
  public static final Setting HEALTH_EVENT_LOOP_DOWN_MS = def("health.eventLoopDelayDownMs", "JT_HEALTH_EVENT_LOOP_DOWN_MS", "0", LONG, "milliseconds >= 0", "Health 'eventloop' is DOWN when an event loop runs a timer this late (0 = never: a loop that late already fails the Docker check's timeout)");
  public static final Setting HEALTH_WORKER_QUEUE_DEGRADED = def("health.workerQueueDegraded", "JT_HEALTH_WORKER_QUEUE_DEGRADED", "16", INT, "an integer >= 0", "Health 'workers' is DEGRADED when this many tasks wait for a thread in one worker pool");
  public static final Setting HEALTH_WORKER_QUEUE_DOWN = def("health.workerQueueDown", "JT_HEALTH_WORKER_QUEUE_DOWN", "0", INT, "an integer >= 0", "Health 'workers' is DOWN when this many tasks wait in one worker pool (0 = never)");
  public static final Setting HEALTH_CPU_DEGRADED_PERCENT = def("health.cpuDegradedPercent", "JT_HEALTH_CPU_DEGRADED_PERCENT", "90", DOUBLE, "a percentage 0-100 (0 = off)", "Health 'resources' is DEGRADED when the process uses this share of all cores");
  public static final Setting HEALTH_HEAP_DEGRADED_PERCENT = def("health.heapDegradedPercent", "JT_HEALTH_HEAP_DEGRADED_PERCENT", "90", DOUBLE, "a percentage 0-100 (0 = off)", "Health 'resources' is DEGRADED when used heap reaches this share of the maximum heap");
  public static final Setting HEALTH_HEAP_DOWN_PERCENT = def("health.heapDownPercent", "JT_HEALTH_HEAP_DOWN_PERCENT", "0", DOUBLE, "a percentage 0-100 (0 = off)", "Health 'resources' is DOWN when used heap reaches this share of the maximum heap (0 = never: used heap includes garbage)");
  public static final Setting HEALTH_FILES_DEGRADED_PERCENT = def("health.openFilesDegradedPercent", "JT_HEALTH_FILES_DEGRADED_PERCENT", "80", DOUBLE, "a percentage 0-100 (0 = off)", "Health 'resources' is DEGRADED when open file descriptors reach this share of the process limit");
  public static final Setting HEALTH_FILES_DOWN_PERCENT = def("health.openFilesDownPercent", "JT_HEALTH_FILES_DOWN_PERCENT", "98", DOUBLE, "a percentage 0-100 (0 = off)", "Health 'resources' is DOWN when open file descriptors reach this share of the limit (sockets and RocksDB files then fail)");
  public static final Setting HEALTH_PENDING_COMPACTION_BYTES = def("health.pendingCompactionDegradedBytes", "JT_HEALTH_PENDING_COMPACTION_BYTES", "1073741824", LONG, "bytes >= 0", "Health 'storage' is DEGRADED when RocksDB estimates this many bytes waiting for compaction (its load % is the share of this)");
  public static final Setting HEALTH_PIPE_BACKLOG_PERCENT = def("health.pipeBacklogDegradedPercent", "JT_HEALTH_PIPE_BACKLOG_PERCENT", "80", DOUBLE, "a percentage 0-100 (0 = off)", "Health 'pipe' is DEGRADED when a pipe's outbox is this full (of transport.pipe.outboxMessages)");
  public static final Setting HEALTH_EXPECTED_MEMBERS = def("health.expectedMembers", "JT_HEALTH_EXPECTED_MEMBERS", "0", INT, "an integer >= 0", "Health 'cluster' and 'dht' are DEGRADED below this many members (0 = the most members this node has seen since it started)");

  public static List<Setting> all() {
    return List.copyOf(ALL.values());
  }

  public static Setting byKey(String key) {
    return ALL.get(key);
  }
}
