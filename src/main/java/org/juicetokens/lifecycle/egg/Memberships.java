package org.juicetokens.lifecycle.egg;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.lifecycle.egg.proto.GenesisPool;
import org.juicetokens.lifecycle.egg.proto.Membership;
import org.juicetokens.lifecycle.egg.proto.SignedMembership;

import java.nio.charset.StandardCharsets;

/**
 * Pool memberships: each member signs (domain-separated) the exact bytes of a Membership naming the
 * pool and its whole member list. A pool is well-formed when it has one valid membership per member,
 * in member order, and its issuer is its first member. That a membership's key is the member's is
 * checked when it is signed (on the member's home node, with its active key). Pure.
 */
public final class Memberships {
  static final String DOMAIN = "juicetokens/egg-pool-membership/v1\0";

  private Memberships() {
  }

  public static byte[] signedBytes(ByteString membership) {
    return ByteString.copyFrom(DOMAIN, StandardCharsets.UTF_8).concat(membership).toByteArray();
  }

  /** Null when {@code pool} is well-formed with valid signatures, else the reason. */
  public static String problem(GenesisPool pool) {
    if (pool.getMemberIdsCount() == 0 || !pool.getIssuerId().equals(pool.getMemberIds(0))) {
      return "the issuer must be the first member";
    }
    if (pool.getMembershipsCount() != pool.getMemberIdsCount()) {
      return "one membership per member is required";
    }
    for (int i = 0; i < pool.getMemberIdsCount(); i++) {
      SignedMembership signed = pool.getMemberships(i);
      Membership m;
      try {
        m = Membership.parseFrom(signed.getMembership());
      } catch (InvalidProtocolBufferException e) {
        return "membership " + i + " does not decode";
      }
      if (!m.getPoolId().equals(pool.getId()) || !m.getMemberId().equals(pool.getMemberIds(i))
        || !m.getMemberIdsList().equals(pool.getMemberIdsList())) {
        return "membership " + i + " is not " + pool.getMemberIds(i) + "'s membership of this pool";
      }
      if (!Ed25519.verify(signed.getPublicKey().toByteArray(), signedBytes(signed.getMembership()), signed.getSignature().toByteArray())) {
        return "membership of " + m.getMemberId() + " has a bad signature";
      }
    }
    return null;
  }
}
