package org.juicetokens.token.transaction;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreBatch;
import org.juicetokens.foundation.storage.proto.StoreWrite;
import org.juicetokens.token.proto.TokenApply;
import org.juicetokens.token.transaction.proto.CertificateBody;
import org.juicetokens.token.transaction.proto.SystemAttestation;
import org.juicetokens.token.transaction.proto.TxRecord;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How one {@link TxEffect.Persist} becomes ONE atomic write on this node: the side's TxRecord at
 * {@link TxLogLayout#recordKey}, its open/ marker written (still needs work) or deleted (final), on
 * COMMITTED the side's {@link SystemAttestation} (ATTESTATIONS, {@code sys/<identityId>/<txId>}),
 * with its outbox marker ({@code syspub/<identityId>/<txId>}, deleted by the attestation layer once the
 * node-signed copy is in the DHT), and the token mutations for the side's identity as a {@link TokenApply} (the ledger adds the
 * token writes to the same batch). Pure.
 */
final class TxWrites {
  static final String ATTESTATION_PREFIX = "sys/";
  /** The system attestations still to publish (trust.attestation.SystemPublisher): same batch, so none is ever lost. */
  static final String PUBLISH_PREFIX = "syspub/";

  private TxWrites() {
  }

  /** The identity whose tokens this side moves: the payer's for PAYER, the payee's for PAYEE. */
  static String identityOf(TxRecord record) {
    return record.getRole() == TxRole.PAYER ? record.getPlan().getPayerId() : record.getPlan().getPayeeId();
  }

  /** Nothing left to do on this side: payee COMMITTED/ABORTED, payer ABORTED or COMMITTED and finalized, FAILED. */
  static boolean isFinal(TxRecord record) {
    TxState state = record.getState();
    if (state == TxState.FAILED || state == TxState.ABORTED) {
      return true;
    }
    if (state == TxState.COMMITTED) {
      return record.getRole() == TxRole.PAYEE || record.getFinalized();
    }
    return false;
  }

  /** The token step (with the WAL writes) of {@code persist}; the owner is the side's identity. */
  static TokenApply apply(TxEffect.Persist persist, String nodeId) {
    TxRecord record = persist.record();
    TokenBatch batch = persist.batch();
    int hundredths = record.getPlan().getHundredthsToPayee();
    int myDelta = record.getRole() == TxRole.PAYER ? -hundredths : hundredths;
    TxState state = record.getState();
    boolean decided = state == TxState.COMMITTED || state == TxState.ABORTED;
    return TokenApply.newBuilder()
      .setOwnerId(identityOf(record))
      .setTxId(record.getTxId())
      .addAllLockIds(batch.lock())
      .addAllRemoveIds(batch.remove())
      .addAllPutTokens(batch.put())
      .setWisselDeltaHundredths(batch.wisselDeltaHundredths())
      // the wissel takes part in one exchange at a time: locked with the PREPARED write, released by the decision
      .setLockWissel(state == TxState.PREPARED && hundredths != 0)
      .setExpectedWisselDelta(myDelta)
      .setRelease(decided && !(record.getRole() == TxRole.PAYER && record.getFinalized()))
      .addAllWrites(walWrites(record, nodeId))
      .setSync(persist.sync())
      .build();
  }

  /** The WAL writes alone (a side with no identity here to move tokens of: a presumed abort). */
  static StoreBatch walOnly(TxEffect.Persist persist, String nodeId) {
    return StoreBatch.newBuilder().addAllWrites(walWrites(persist.record(), nodeId)).setSync(persist.sync()).build();
  }

  static List<StoreWrite> walWrites(TxRecord record, String nodeId) {
    List<StoreWrite> writes = new ArrayList<>();
    writes.add(put(StoreFamily.WAL, TxLogLayout.recordKey(record.getTxId(), record.getRole()), record.toByteString()));
    byte[] open = TxLogLayout.openKey(record.getTxId(), record.getRole());
    writes.add(isFinal(record) ? delete(StoreFamily.WAL, open) : put(StoreFamily.WAL, open, ByteString.EMPTY));
    if (record.getState() == TxState.COMMITTED && !identityOf(record).isEmpty()) {
      SystemAttestation attestation = attestation(record, nodeId);
      writes.add(put(StoreFamily.ATTESTATIONS, attestationKey(attestation.getIdentityId(), record.getTxId()), attestation.toByteString()));
      writes.add(put(StoreFamily.ATTESTATIONS, (PUBLISH_PREFIX + attestation.getIdentityId() + "/" + record.getTxId())
        .getBytes(StandardCharsets.UTF_8), ByteString.EMPTY));
    }
    return writes;
  }

  static SystemAttestation attestation(TxRecord record, String nodeId) {
    long committedAt = 0;
    try {
      committedAt = CertificateBody.parseFrom(record.getCertificate().getBody()).getTimestampMs();
    } catch (InvalidProtocolBufferException e) {
      // the engine verified the certificate before writing COMMITTED; an undecodable body leaves 0
      committedAt = 0;
    }
    return SystemAttestation.newBuilder().setTxId(record.getTxId()).setIdentityId(identityOf(record)).setRole(record.getRole())
      .setPayerId(record.getPlan().getPayerId()).setPayeeId(record.getPlan().getPayeeId())
      .setAmountHundredths(record.getPlan().getAmountHundredths()).setCommittedAtMs(committedAt)
      .setCertificate(record.getCertificate()).setNodeId(nodeId).build();
  }

  static byte[] attestationKey(String identityId, String txId) {
    return (ATTESTATION_PREFIX + identityId + "/" + txId).getBytes(StandardCharsets.UTF_8);
  }

  private static StoreWrite put(StoreFamily family, byte[] key, ByteString value) {
    return StoreWrite.newBuilder().setFamily(family.dbName()).setKey(ByteString.copyFrom(key)).setValue(value).build();
  }

  private static StoreWrite delete(StoreFamily family, byte[] key) {
    return StoreWrite.newBuilder().setFamily(family.dbName()).setKey(ByteString.copyFrom(key)).setDelete(true).build();
  }
}
