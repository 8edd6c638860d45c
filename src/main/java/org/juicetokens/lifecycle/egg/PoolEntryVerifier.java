package org.juicetokens.lifecycle.egg;

import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.lifecycle.egg.proto.GenesisPool;
import org.juicetokens.lifecycle.egg.proto.Membership;
import org.juicetokens.lifecycle.egg.proto.SignedMembership;

/**
 * The verifier of jt.genesisPools (registered signed-only): the entry is a well-formed pool under
 * its own id ({@link Memberships#problem}), signed by its issuer with the key of the issuer's own
 * membership. Synchronous and local, like every DHT entry verifier.
 */
public final class PoolEntryVerifier implements DhtEntryVerifier {

  @Override
  public boolean verify(String map, String key, DhtEntry entry) {
    GenesisPool pool;
    try {
      pool = GenesisPool.parseFrom(entry.getValue());
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
    if (!pool.getId().equals(key) || !pool.getIssuerId().equals(entry.getSignerId()) || Memberships.problem(pool) != null) {
      return false;
    }
    SignedMembership issuer = pool.getMemberships(0);
    return issuer.getPublicKey().equals(entry.getSignerPublicKey())
      && Ed25519.verify(entry.getSignerPublicKey().toByteArray(), DhtEntryVerifier.signedBytes(map, key, entry),
      entry.getSignature().toByteArray());
  }

  /** The membership bytes of one member (for the signer on the member's home node). */
  static Membership membership(String poolId, String memberId, java.util.List<String> members, long nowMs) {
    return Membership.newBuilder().setPoolId(poolId).setMemberId(memberId).addAllMemberIds(members).setSignedAtMs(nowMs).build();
  }
}
