package org.juicetokens.trust.identity;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.crypto.KeyEncryption;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreAck;
import org.juicetokens.foundation.storage.proto.StoreBatch;
import org.juicetokens.foundation.storage.proto.StoreEntry;
import org.juicetokens.foundation.storage.proto.StoreGet;
import org.juicetokens.foundation.storage.proto.StoreScan;
import org.juicetokens.foundation.storage.proto.StoreScanResult;
import org.juicetokens.foundation.storage.proto.StoreValue;
import org.juicetokens.foundation.storage.proto.StoreWrite;
import org.juicetokens.trust.identity.proto.HomedIdentity;
import org.juicetokens.trust.identity.proto.SealedKey;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The home node's custodial keystore, in StoreFamily.KEYS through the storage bus: per identity
 * a {@link HomedIdentity} record under {@code identity/home/<id>} and one {@link SealedKey} per key
 * under {@code identity/key/<id>/<index>}. Seeds are sealed ({@link KeyEncryption}) before they
 * leave this class and opened only here, in memory, to sign; the plain seed array is wiped after
 * sealing. Nothing here logs.
 */
final class Keystore {
  static final String HOME_PREFIX = "identity/home/";
  static final String KEY_PREFIX = "identity/key/";
  private static final String FAMILY = StoreFamily.KEYS.dbName();

  private final EventBus bus;
  private final long timeoutMs;
  private final KeyEncryption sealer;

  Keystore(EventBus bus, long timeoutMs, KeyEncryption sealer) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
    this.sealer = sealer;
  }

  SealedKey seal(String identityId, int keyIndex, Ed25519.PrivateKey key) {
    byte[] seed = key.seed();
    try {
      return SealedKey.newBuilder()
        .setIdentityId(identityId)
        .setKeyIndex(keyIndex)
        .setPublicKey(ByteString.copyFrom(key.publicKey()))
        .setSealedSeed(ByteString.copyFrom(sealer.seal(seed, KeyEncryption.keyAad(identityId, keyIndex))))
        .build();
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** The private key of a sealed record, checked against the public key stored with it. */
  Ed25519.PrivateKey open(SealedKey sealed) {
    byte[] seed;
    try {
      seed = sealer.open(sealed.getSealedSeed().toByteArray(), KeyEncryption.keyAad(sealed.getIdentityId(), sealed.getKeyIndex()));
    } catch (KeyEncryption.SealBrokenException e) {
      throw new JuiceException(ErrorCode.DATA_CORRUPTION, "key " + sealed.getKeyIndex() + " of identity " + sealed.getIdentityId()
        + ": " + e.getMessage(), e);
    }
    try {
      Ed25519.PrivateKey key = Ed25519.privateKey(seed);
      if (!Arrays.equals(key.publicKey(), sealed.getPublicKey().toByteArray())) {
        throw new JuiceException(ErrorCode.DATA_CORRUPTION, "key " + sealed.getKeyIndex() + " of identity " + sealed.getIdentityId()
          + " does not match its public key");
      }
      return key;
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  static StoreWrite keyWrite(SealedKey key) {
    return StoreWrite.newBuilder().setFamily(FAMILY).setKey(keyKey(key.getIdentityId(), key.getKeyIndex()))
      .setValue(key.toByteString()).build();
  }

  static StoreWrite homeWrite(String identityId, HomedIdentity homed) {
    return StoreWrite.newBuilder().setFamily(FAMILY).setKey(homeKey(identityId)).setValue(homed.toByteString()).build();
  }

  static StoreWrite homeDelete(String identityId) {
    return StoreWrite.newBuilder().setFamily(FAMILY).setKey(homeKey(identityId)).setDelete(true).build();
  }

  static StoreWrite keyDelete(String identityId, int keyIndex) {
    return StoreWrite.newBuilder().setFamily(FAMILY).setKey(keyKey(identityId, keyIndex)).setDelete(true).build();
  }

  /** All writes in one atomic batch; {@code sync}: acknowledged only once on disk. */
  Future<StoreAck> write(List<StoreWrite> writes, boolean sync) {
    return Bus.request(bus, Addresses.STORAGE_BATCH, StoreBatch.newBuilder().addAllWrites(writes).setSync(sync).build(), timeoutMs,
      StoreAck.class);
  }

  Future<SealedKey> loadKey(String identityId, int keyIndex) {
    return Bus.request(bus, Addresses.STORAGE_GET, StoreGet.newBuilder().setFamily(FAMILY).setKey(keyKey(identityId, keyIndex)).build(),
      timeoutMs, StoreValue.class).map(value -> {
        if (!value.getFound()) {
          throw new JuiceException(ErrorCode.DATA_CORRUPTION, "key " + keyIndex + " of identity " + identityId + " is missing from the keystore");
        }
        return parse(value.getValue(), identityId);
      });
  }

  /** Every identity record of this node (at most {@code storage.maxScanEntries}; {@code truncated} says when more exist). */
  Future<StoreScanResult> scanHomed() {
    return Bus.request(bus, Addresses.STORAGE_SCAN, StoreScan.newBuilder().setFamily(FAMILY)
      .setPrefix(ByteString.copyFromUtf8(HOME_PREFIX)).build(), timeoutMs, StoreScanResult.class);
  }

  static List<HomedIdentity> decodeHomed(StoreScanResult scan) {
    List<HomedIdentity> out = new ArrayList<>();
    for (StoreEntry entry : scan.getEntriesList()) {
      try {
        out.add(HomedIdentity.parseFrom(entry.getValue()));
      } catch (InvalidProtocolBufferException e) {
        throw new JuiceException(ErrorCode.DATA_CORRUPTION, "undecodable identity record " + entry.getKey().toStringUtf8(), e);
      }
    }
    return out;
  }

  /** Reads one record of the family: the keystore answers (health). */
  Future<Boolean> probe() {
    return Bus.request(bus, Addresses.STORAGE_GET, StoreGet.newBuilder().setFamily(FAMILY).setKey(ByteString.copyFromUtf8(HOME_PREFIX))
      .build(), timeoutMs, StoreValue.class).map(v -> true);
  }

  private static SealedKey parse(ByteString bytes, String identityId) {
    try {
      return SealedKey.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new JuiceException(ErrorCode.DATA_CORRUPTION, "undecodable key record of identity " + identityId, e);
    }
  }

  private static ByteString homeKey(String identityId) {
    return ByteString.copyFrom(HOME_PREFIX + identityId, StandardCharsets.UTF_8);
  }

  private static ByteString keyKey(String identityId, int keyIndex) {
    return ByteString.copyFrom(KEY_PREFIX + identityId + "/" + keyIndex, StandardCharsets.UTF_8);
  }
}
