package org.juicetokens.lifecycle.egg;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import org.juicetokens.api.v1.CreateGenesisPoolRequest;
import org.juicetokens.api.v1.GenesisPoolView;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.foundation.dht.proto.DhtPutCondition;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.lifecycle.egg.proto.GenesisPool;
import org.juicetokens.lifecycle.egg.proto.Membership;
import org.juicetokens.lifecycle.egg.proto.MembershipSignRequest;
import org.juicetokens.lifecycle.egg.proto.SignedMembership;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Genesis pools: created on the issuer's (first member's) home node, which asks every member's home
 * node for the member's signed membership (point-to-point), then puts the pool into jt.genesisPools
 * (IF_ABSENT, signed by the issuer), then keeps that signed put in its EGGS family ({@code pool/<id>}).
 * Every check (size, duplicates, every member known and ACTIVE) runs before anything is signed or written.
 */
final class Pools {
  static final String POOL_PREFIX = "pool/";

  private final EggCalls calls;
  private final EggRequests requests;
  private final String nodeId;
  private final LongSupplier clock;

  Pools(EggCalls calls, EggRequests requests, String nodeId, LongSupplier clock) {
    this.calls = calls;
    this.requests = requests;
    this.nodeId = nodeId;
    this.clock = clock;
  }

  /** Entry point on any node: forwards to the issuer's home node. */
  Future<GenesisPoolView> create(CreateGenesisPoolRequest request) {
    List<String> members = requests.members(request);
    return calls.activeIdentity("member", members.get(0)).compose(issuer -> {
      String home = issuer.getDocument().getHomeNode();
      return home.equals(nodeId) ? createHere(request)
        : calls.ask(Addresses.node(home, Addresses.EGG_POOL_CREATE_SUFFIX), request, 3 * calls.timeoutMs(), GenesisPoolView.class);
    });
  }

  Future<GenesisPoolView> createHere(CreateGenesisPoolRequest request) {
    List<String> members = requests.members(request);
    List<Future<IdentityView>> identities = members.stream().map(id -> calls.activeIdentity("member", id)).toList();
    return Future.all(identities).recover(f -> Future.failedFuture(identities.stream().filter(Future::failed).findFirst()
      .map(Future::cause).orElse(f))).compose(all -> {
        String poolId = EggIds.random(16);
        long now = clock.getAsLong();
        List<Future<SignedMembership>> signed = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
          Membership m = PoolEntryVerifier.membership(poolId, members.get(i), members, now);
          signed.add(calls.ask(Addresses.node(identities.get(i).result().getDocument().getHomeNode(), Addresses.EGG_MEMBERSHIP_SUFFIX),
            MembershipSignRequest.newBuilder().setMembership(m).build(), SignedMembership.class));
        }
        return Future.all(signed).compose(v -> publish(GenesisPool.newBuilder().setId(poolId).addAllMemberIds(members)
          .setIssuerId(members.get(0)).setCreatedAtMs(now).addAllMemberships(signed.stream().map(Future::result).toList()).build()));
      });
  }

  /** On the member's home node: the member signs its membership (IDENTITY_SIGN refuses a member not homed here). */
  Future<SignedMembership> signMembership(MembershipSignRequest request) {
    ByteString bytes = request.getMembership().toByteString();
    return calls.sign(request.getMembership().getMemberId(), "egg-pool-membership", Memberships.signedBytes(bytes))
      .map(s -> SignedMembership.newBuilder().setMembership(bytes).setPublicKey(s.getPublicKey()).setSignature(s.getSignature()).build());
  }

  private Future<GenesisPoolView> publish(GenesisPool pool) {
    String problem = Memberships.problem(pool);
    if (problem != null) {
      return Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "pool not formed: " + problem));
    }
    long now = clock.getAsLong();
    ByteString value = pool.toByteString();
    byte[] signedBytes = DhtEntryVerifier.signedBytes(DhtMaps.GENESIS_POOLS, pool.getId(),
      DhtEntry.newBuilder().setValue(value).setWrittenAtMs(now).build());
    return calls.sign(pool.getIssuerId(), "genesis-pool", signedBytes).compose(s -> {
      DhtPutRequest put = DhtPutRequest.newBuilder().setMap(DhtMaps.GENESIS_POOLS).setKey(pool.getId()).setValue(value)
        .setWrittenAtMs(now).setSignerId(pool.getIssuerId()).setSignerPublicKey(s.getPublicKey()).setSignature(s.getSignature())
        .setCondition(DhtPutCondition.IF_ABSENT).build();
      // kept here once in the DHT: a restarted cluster gets the pool back from this node
      return calls.dhtPut(put).compose(written -> written.getApplied()
        ? calls.put(Map.of(POOL_PREFIX + pool.getId(), put.toByteString()))
        : Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "genesis pool id " + pool.getId() + " is taken; create again")));
    }).map(kept -> EggViews.pool(pool));
  }

  /** The verified pool; NOT_FOUND when there is none. */
  Future<GenesisPool> read(String poolId) {
    return calls.dhtGet(DhtMaps.GENESIS_POOLS, poolId, true).map(value -> {
      if (!value.getFound()) {
        throw JuiceException.notFound("unknown genesis pool " + poolId);
      }
      try {
        return GenesisPool.parseFrom(value.getValue());
      } catch (InvalidProtocolBufferException e) {
        throw new JuiceException(ErrorCode.DATA_CORRUPTION, "undecodable genesis pool " + poolId, e);
      }
    });
  }

  /** Puts back (IF_ABSENT, original signatures) the pools this node created, for a DHT that lost them. */
  Future<Integer> restore(int maxScan) {
    return calls.scan(POOL_PREFIX.getBytes(java.nio.charset.StandardCharsets.UTF_8), maxScan).compose(scan -> {
      List<Future<?>> puts = new ArrayList<>();
      scan.getEntriesList().forEach(e -> {
        try {
          puts.add(calls.dhtPut(DhtPutRequest.parseFrom(e.getValue())));
        } catch (InvalidProtocolBufferException ex) {
          puts.add(Future.failedFuture(ex));
        }
      });
      return Future.join(puts).transform(ignored -> Future.succeededFuture((int) puts.stream().filter(Future::succeeded).count()));
    });
  }
}
