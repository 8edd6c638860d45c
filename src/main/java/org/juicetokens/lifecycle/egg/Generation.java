package org.juicetokens.lifecycle.egg;

import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import org.juicetokens.api.v1.EggBatchReply;
import org.juicetokens.api.v1.GenerateEggsRequest;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.crypto.Hashes;
import org.juicetokens.lifecycle.egg.proto.Egg;
import org.juicetokens.lifecycle.egg.proto.EggStage;
import org.juicetokens.token.creation.MintTimeouts;
import org.juicetokens.token.creation.TokenIds;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Egg batches, generated on the owner's home node (where the eggs are kept). The pool's issuer
 * (its first member) is the issuer of the hatched tokens: at generation it reserves one index per
 * egg of the issuance {@code <location>-<reference>} on its own home node (claiming the issuance if
 * new: the mint path of token/creation, no token yet), so each egg knows the token id it hatches
 * into. Checks first (request, pool, owner, the claim's owner), then the eggs in one synced batch.
 */
final class Generation {
  static final String CONDITION = "fertilized by a proof of activity of the owner (a committed transaction or a valid attestation"
    + " about the owner) before dormant_until, then FERTILIZED -> INCUBATING -> HATCHING -> ACTIVE";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final EggCalls calls;
  private final EggRequests requests;
  private final Pools pools;
  private final EggBook book;
  private final EggDurations durations;
  private final String nodeId;
  private final LongSupplier clock;
  private final Consumer<Egg> scheduler;

  Generation(EggCalls calls, EggRequests requests, Pools pools, EggBook book, EggDurations durations, String nodeId,
             LongSupplier clock, Consumer<Egg> scheduler) {
    this.calls = calls;
    this.requests = requests;
    this.pools = pools;
    this.book = book;
    this.durations = durations;
    this.nodeId = nodeId;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /** Entry point on any node: forwards to the owner's home node. */
  Future<EggBatchReply> generate(GenerateEggsRequest request) {
    requests.generation(request);
    return calls.activeIdentity("owner", request.getOwnerId()).compose(owner -> {
      String home = owner.getDocument().getHomeNode();
      return home.equals(nodeId) ? generateHere(request)
        : calls.ask(Addresses.node(home, Addresses.EGG_GENERATE_SUFFIX), request, waitMs(request, 3), EggBatchReply.class);
    });
  }

  Future<EggBatchReply> generateHere(GenerateEggsRequest request) {
    requests.generation(request);
    return Future.all(pools.read(request.getPoolId()), calls.activeIdentity("owner", request.getOwnerId()))
      .compose(both -> {
        String issuer = both.<org.juicetokens.lifecycle.egg.proto.GenesisPool>resultAt(0).getIssuerId();
        MintRequest reserve = MintRequest.newBuilder().setIssuerId(issuer).setOwnerId(request.getOwnerId())
          .setReference(request.getReference()).setDenomination(request.getDenomination()).setCount(request.getCount())
          .setReserveOnly(true).build();
        return calls.ask(Addresses.TOKEN_MINT, reserve, waitMs(request, 2), MintReply.class)
          .compose(reserved -> book.save(eggs(request, issuer, reserved)));
      })
      .map(eggs -> {
        eggs.forEach(scheduler);
        long now = clock.getAsLong();
        return EggBatchReply.newBuilder().setBatchId(eggs.get(0).getBatchId())
          .addAllEggs(eggs.stream().map(e -> EggViews.egg(e, now, durations)).toList()).build();
      });
  }

  private List<Egg> eggs(GenerateEggsRequest request, String issuer, MintReply reserved) {
    String batchId = EggIds.random(16);
    String location = reserved.getIssuanceId().substring(0, reserved.getIssuanceId().indexOf('-'));
    long now = clock.getAsLong();
    List<Egg> eggs = new ArrayList<>(request.getCount());
    for (int i = 0; i < request.getCount(); i++) {
      String id = EggIds.egg(request.getOwnerId());
      byte[] entropy = new byte[32];
      RANDOM.nextBytes(entropy);
      long index = reserved.getFirstIndex() + i;
      eggs.add(Egg.newBuilder().setId(id).setBatchId(batchId).setPoolId(request.getPoolId()).setReference(request.getReference())
        .setDenomination(request.getDenomination()).setOwnerId(request.getOwnerId()).setIssuerId(issuer)
        .setEntropy(ByteString.copyFrom(entropy))
        .setDormancySeal(ByteString.copyFrom(Hashes.sha256(id.getBytes(StandardCharsets.UTF_8), entropy)))
        .setHatchingCondition(CONDITION).setCreatedAtMs(now).setDormantUntilMs(now + durations.dormancyMs())
        .setStage(EggStage.DORMANT).setStageSinceMs(now)
        .setTokenIndex(index).setTokenId(TokenIds.format(location, request.getReference(), request.getDenomination(), index))
        .build());
    }
    return eggs;
  }

  private long waitMs(GenerateEggsRequest request, int hops) {
    return MintTimeouts.waitMs(calls.timeoutMs(), request.getCount(), hops);
  }
}
