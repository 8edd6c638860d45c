package org.juicetokens.lifecycle.egg;

import com.google.protobuf.ByteString;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.lifecycle.egg.proto.GenesisPool;
import org.juicetokens.lifecycle.egg.proto.SignedMembership;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PoolEntryVerifierTest {
  static final SecureRandom RANDOM = new SecureRandom();
  final List<Ed25519.PrivateKey> keys = List.of(Ed25519.generate(RANDOM), Ed25519.generate(RANDOM), Ed25519.generate(RANDOM));
  final List<String> members = List.of("m1", "m2", "m3");

  GenesisPool pool(String id) {
    List<SignedMembership> signed = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      ByteString bytes = PoolEntryVerifier.membership(id, members.get(i), members, 1).toByteString();
      signed.add(SignedMembership.newBuilder().setMembership(bytes).setPublicKey(ByteString.copyFrom(keys.get(i).publicKey()))
        .setSignature(ByteString.copyFrom(keys.get(i).sign(Memberships.signedBytes(bytes)))).build());
    }
    return GenesisPool.newBuilder().setId(id).addAllMemberIds(members).setIssuerId("m1").setCreatedAtMs(1).addAllMemberships(signed).build();
  }

  DhtEntry entry(GenesisPool pool, String key, Ed25519.PrivateKey signer, String signerId) {
    DhtEntry unsigned = DhtEntry.newBuilder().setValue(pool.toByteString()).setWrittenAtMs(5).build();
    byte[] signature = signer.sign(DhtEntryVerifier.signedBytes(DhtMaps.GENESIS_POOLS, key, unsigned));
    return unsigned.toBuilder().setSignerId(signerId).setSignerPublicKey(ByteString.copyFrom(signer.publicKey()))
      .setSignature(ByteString.copyFrom(signature)).build();
  }

  @Test
  void a_pool_signed_by_its_issuer_with_every_membership_signed_is_valid() {
    GenesisPool pool = pool("p1");
    assertThat(Memberships.problem(pool)).isNull();
    assertThat(new PoolEntryVerifier().verify(DhtMaps.GENESIS_POOLS, "p1", entry(pool, "p1", keys.get(0), "m1"))).isTrue();
  }

  @Test
  void forged_or_misplaced_pools_are_refused() {
    PoolEntryVerifier verifier = new PoolEntryVerifier();
    GenesisPool pool = pool("p1");
    assertThat(verifier.verify(DhtMaps.GENESIS_POOLS, "p2", entry(pool, "p2", keys.get(0), "m1"))).as("another key").isFalse();
    assertThat(verifier.verify(DhtMaps.GENESIS_POOLS, "p1", entry(pool, "p1", keys.get(1), "m2"))).as("not the issuer").isFalse();
    GenesisPool swapped = pool.toBuilder().setMemberships(1, pool.getMemberships(2)).build();
    assertThat(Memberships.problem(swapped)).contains("membership 1");
    GenesisPool forged = pool.toBuilder().setMemberships(2, pool.getMemberships(2).toBuilder()
      .setPublicKey(ByteString.copyFrom(keys.get(0).publicKey()))).build();
    assertThat(Memberships.problem(forged)).contains("bad signature");
    assertThat(verifier.verify(DhtMaps.GENESIS_POOLS, "p1", entry(forged, "p1", keys.get(0), "m1"))).isFalse();
    GenesisPool missing = pool.toBuilder().removeMemberships(2).build();
    assertThat(Memberships.problem(missing)).contains("one membership per member");
    GenesisPool otherIssuer = pool.toBuilder().setIssuerId("m2").build();
    assertThat(Memberships.problem(otherIssuer)).contains("first member");
  }
}
