package org.juicetokens.token.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtLocalKeys;
import org.juicetokens.foundation.dht.proto.DhtLocalKeysRequest;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreEntry;
import org.juicetokens.foundation.storage.proto.StoreGet;
import org.juicetokens.foundation.storage.proto.StoreScan;
import org.juicetokens.foundation.storage.proto.StoreScanResult;
import org.juicetokens.foundation.storage.proto.StoreValue;
import org.juicetokens.token.creation.TokenStoreLayout;
import org.juicetokens.token.proto.AuditPart;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.transaction.TxLogLayout;
import org.juicetokens.token.transaction.proto.TxRecord;

/**
 * This member's part of the audit, read over the bus: every {@code tok/} record of the TOKENS
 * family, every {@code open/} marker of the WAL with its record, and the jt.tokenIndex keys this
 * member owns (Addresses.DHT_LOCAL_KEYS). The reads are not one snapshot: a transfer moving
 * tokens meanwhile shows as a shortfall or a surplus, which is why the report says what was in flight.
 */
final class NodeAudit {
  /** lifecycle.renewal.RenewalLayout.CREDIT_PREFIX: one key per reward in transit between two wissels. */
  static final String REWARD_IN_TRANSIT_PREFIX = "rwc/";

  private final EventBus bus;
  private final String nodeId;
  private final long timeoutMs;
  private final int scanLimit;

  NodeAudit(EventBus bus, String nodeId, long timeoutMs, int scanLimit) {
    this.bus = bus;
    this.nodeId = nodeId;
    this.timeoutMs = timeoutMs;
    this.scanLimit = scanLimit;
  }

  Future<AuditPart> run(long nowMs) {
    AuditTally tally = new AuditTally(nodeId, nowMs);
    // page by page (a node may hold more tokens than one scan returns): counted, never all held at once
    return scanner(StoreFamily.TOKENS).each(TokenStoreLayout.TOKEN_PREFIX, page -> {
      for (StoreEntry e : page) {
        try {
          tally.token(Token.parseFrom(e.getValue()));
        } catch (InvalidProtocolBufferException ex) {
          tally.problem("unreadable token record " + e.getKey().toStringUtf8());
        }
      }
    }).compose(incomplete -> {
      if (incomplete) {
        tally.problem("a page of the token records could not be read past: some were not counted");
      }
      return scan(StoreFamily.WAL, TxLogLayout.OPEN_PREFIX);
    }).compose(open -> {
      if (open.incomplete()) {
        tally.problem("too many open exchange sides for one audit scan: some were not counted");
      }
      Future<Void> chain = Future.succeededFuture();
      for (StoreEntry marker : open.entries()) {
        chain = chain.compose(v -> openSide(tally, marker.getKey().toByteArray()));
      }
      return chain;
    }).compose(v -> scan(StoreFamily.NOTICES, REWARD_IN_TRANSIT_PREFIX)).compose(owed -> {
      // lifecycle/renewal: a facilitator's reward the owner's wissel already paid, not yet credited to the facilitator's
      owed.entries().forEach(e -> tally.rewardInTransit(e.getKey().toStringUtf8()));
      return Future.succeededFuture();
    }).compose(v -> Bus.request(bus, Addresses.DHT_LOCAL_KEYS, DhtLocalKeysRequest.newBuilder().setMap(DhtMaps.TOKEN_INDEX).build(),
      timeoutMs, DhtLocalKeys.class)
    ).map(keys -> {
      keys.getKeysList().forEach(tally::indexKey);
      return tally.build();
    });
  }

  private Future<Void> openSide(AuditTally tally, byte[] openKey) {
    byte[] recordKey = TxLogLayout.recordKeyOfOpen(openKey);
    return Bus.request(bus, Addresses.STORAGE_GET, StoreGet.newBuilder().setFamily(StoreFamily.WAL.dbName())
      .setKey(ByteString.copyFrom(recordKey)).build(), timeoutMs, StoreValue.class).map(value -> {
        if (!value.getFound()) {
          tally.problem("open marker without its record: " + new String(openKey, java.nio.charset.StandardCharsets.UTF_8));
          return null;
        }
        try {
          tally.openSide(TxRecord.parseFrom(value.getValue()));
        } catch (InvalidProtocolBufferException e) {
          tally.problem("unreadable exchange record " + new String(recordKey, java.nio.charset.StandardCharsets.UTF_8));
        }
        return null;
      });
  }

  private Future<PrefixScan.Result> scan(StoreFamily family, String prefix) {
    return scanner(family).all(prefix);
  }

  private PrefixScan scanner(StoreFamily family) {
    return new PrefixScan((p, after) -> Bus.request(bus, Addresses.STORAGE_SCAN, StoreScan.newBuilder().setFamily(family.dbName())
      .setPrefix(ByteString.copyFrom(p)).setLimit(scanLimit).setStartAfter(ByteString.copyFrom(after)).build(), timeoutMs,
      StoreScanResult.class));
  }
}
