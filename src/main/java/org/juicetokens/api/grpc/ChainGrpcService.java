package org.juicetokens.api.grpc;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.api.v1.ChainServiceService;
import org.juicetokens.common.Addresses;
import org.juicetokens.trust.chain.proto.ChainGetRequest;
import org.juicetokens.trust.chain.proto.ChainPage;
import org.juicetokens.trust.chain.proto.ChainVerdict;
import org.juicetokens.trust.chain.proto.ChainVerifyRequest;

/** {@code juicetokens.api.v1.ChainService}: one request to the node's chain layer, which asks the identity's home node. */
public final class ChainGrpcService extends ChainServiceService {
  private final EventBus bus;
  private final long timeoutMs;

  public ChainGrpcService(EventBus bus, long timeoutMs) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public Future<ChainPage> getChain(ChainGetRequest request) {
    return LayerCalls.ask(bus, Addresses.CHAIN_GET, request, 2 * timeoutMs, ChainPage.class);
  }

  @Override
  public Future<ChainVerdict> verifyChain(ChainVerifyRequest request) {
    return LayerCalls.ask(bus, Addresses.CHAIN_VERIFY, request, 2 * timeoutMs, ChainVerdict.class);
  }
}
