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
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.foundation.dht.proto.DhtGetRequest;
import org.juicetokens.foundation.dht.proto.DhtPutCondition;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.foundation.dht.proto.DhtValue;
import org.juicetokens.foundation.dht.proto.DhtWriteResult;
import org.juicetokens.trust.identity.proto.SignedIdentityDocument;

import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Identity documents in the DHT ({@code jt.identities}, key = identity id) over the DHT bus:
 * signed entries (the identity signs the DhtSignedPayload with the document's signer key),
 * written as a claim (IF_ABSENT) at creation and as a compare-and-set on the previous signed
 * document's bytes (IF_VALUE_MATCHES) for every update.
 */
final class IdentityDht {
  static final String MAP = DhtMaps.IDENTITIES;

  private final EventBus bus;
  private final long timeoutMs;
  private final LongSupplier clock;

  IdentityDht(EventBus bus, long timeoutMs, LongSupplier clock) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
    this.clock = clock;
  }

  /**
   * Publishes {@code next} signed by {@code signerKey}: claims the id when {@code previous} is null,
   * else replaces exactly {@code previous}. A refused condition answers applied = false.
   */
  Future<DhtWriteResult> publish(IdentityDocuments.Signed next, Ed25519.PrivateKey signerKey, SignedIdentityDocument previous) {
    String id = next.id();
    ByteString value = next.signed().toByteString();
    long now = clock.getAsLong();
    byte[] payload = DhtEntryVerifier.signedBytes(MAP, id, DhtEntry.newBuilder().setValue(value).setWrittenAtMs(now).build());
    DhtPutRequest.Builder put = DhtPutRequest.newBuilder()
      .setMap(MAP)
      .setKey(id)
      .setValue(value)
      .setWrittenAtMs(now)
      .setSignerId(id)
      .setSignerPublicKey(ByteString.copyFrom(signerKey.publicKey()))
      .setSignature(ByteString.copyFrom(signerKey.sign(payload)));
    if (previous == null) {
      put.setCondition(DhtPutCondition.IF_ABSENT);
    } else {
      put.setCondition(DhtPutCondition.IF_VALUE_MATCHES).setExpectedValue(previous.toByteString());
    }
    return Bus.request(bus, Addresses.DHT_PUT, put.build(), timeoutMs, DhtWriteResult.class);
  }

  /** The signed document under {@code id}; the DHT checks the entry with IdentityEntryVerifier (UNAUTHENTICATED when it fails). */
  Future<Optional<SignedIdentityDocument>> read(String id, boolean verify) {
    return readEntry(id, verify).map(found -> found.map(Read::signed));
  }

  /**
   * A document read from the DHT and whether the DHT's verifier accepted it on this read
   * ({@code DhtValue.signature_verified}: IdentityEntryVerifier ran IdentityDocuments.verify on
   * these bytes and checked the entry's signature), so the reader need not verify it again.
   */
  record Read(SignedIdentityDocument signed, boolean verified) {
  }

  Future<Optional<Read>> readEntry(String id, boolean verify) {
    return Bus.request(bus, Addresses.DHT_GET, DhtGetRequest.newBuilder().setMap(MAP).setKey(id).setVerifySignature(verify).build(),
      timeoutMs, DhtValue.class)
      .map(value -> value.getFound() ? Optional.of(new Read(parse(id, value.getValue()), value.getSignatureVerified())) : Optional.empty());
  }

  private static SignedIdentityDocument parse(String id, ByteString bytes) {
    try {
      return SignedIdentityDocument.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new JuiceException(ErrorCode.UNAUTHENTICATED, "identity document of " + id + " rejected (malformed): it does not decode", e);
    }
  }
}
