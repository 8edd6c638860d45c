package org.juicetokens.api.grpc;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.api.v1.CreateGenesisPoolRequest;
import org.juicetokens.api.v1.EggBatchReply;
import org.juicetokens.api.v1.EggServiceService;
import org.juicetokens.api.v1.EggView;
import org.juicetokens.api.v1.FertilizeEggRequest;
import org.juicetokens.api.v1.GenerateEggsRequest;
import org.juicetokens.api.v1.GenesisPoolView;
import org.juicetokens.api.v1.GetEggRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.token.creation.MintTimeouts;

/**
 * {@code juicetokens.api.v1.EggService}: one request to the node's egg layer, which forwards to the
 * home node concerned (the issuer's for a pool, the owner's for eggs). A pool asks every member's
 * node for a signature; a generation reserves indices on the issuer's node: both wait longer.
 */
public final class EggGrpcService extends EggServiceService {
  private final EventBus bus;
  private final long timeoutMs;

  public EggGrpcService(EventBus bus, long timeoutMs) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public Future<GenesisPoolView> createGenesisPool(CreateGenesisPoolRequest request) {
    return LayerCalls.ask(bus, Addresses.EGG_POOL_CREATE, request, 4 * timeoutMs, GenesisPoolView.class);
  }

  @Override
  public Future<EggBatchReply> generateEggs(GenerateEggsRequest request) {
    return LayerCalls.ask(bus, Addresses.EGG_GENERATE, request, MintTimeouts.waitMs(timeoutMs, request.getCount(), 4), EggBatchReply.class);
  }

  @Override
  public Future<EggView> fertilizeEgg(FertilizeEggRequest request) {
    return LayerCalls.ask(bus, Addresses.EGG_FERTILIZE, request, 4 * timeoutMs, EggView.class);
  }

  @Override
  public Future<EggView> getEgg(GetEggRequest request) {
    return LayerCalls.ask(bus, Addresses.EGG_GET, request, 2 * timeoutMs, EggView.class);
  }
}
