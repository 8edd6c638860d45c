package org.juicetokens.token.creation;

import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.token.proto.IssuanceClaim;

/**
 * The verifier of jt.issuances (registered signed-only): an entry is an {@link IssuanceClaim}
 * signed by its own issuer: signer id = the claim's issuer id, signer key = the claim's issuer key,
 * and the signature verifies over the entry's signed bytes. That the key is really the issuer
 * identity's is checked where a claim is made (the minting node signs with the key of the issuer's
 * verified identity document): this check must stay synchronous and local.
 */
public final class IssuanceEntryVerifier implements DhtEntryVerifier {

  @Override
  public boolean verify(String map, String key, DhtEntry entry) {
    IssuanceClaim claim;
    try {
      claim = IssuanceClaim.parseFrom(entry.getValue());
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
    return claim.getIssuanceId().equals(key)
      && claim.getIssuerId().equals(entry.getSignerId())
      && claim.getIssuerKey().equals(entry.getSignerPublicKey())
      && Ed25519.verify(entry.getSignerPublicKey().toByteArray(), DhtEntryVerifier.signedBytes(map, key, entry),
        entry.getSignature().toByteArray());
  }
}
