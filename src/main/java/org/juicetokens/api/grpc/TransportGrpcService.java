package org.juicetokens.api.grpc;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.api.v1.TransportServiceService;
import org.juicetokens.common.Addresses;
import org.juicetokens.transport.pipe.proto.PipeList;
import org.juicetokens.transport.pipe.proto.PipeListRequest;

/** {@code juicetokens.api.v1.TransportService}: the node's pipes, asked of the pipe verticle by address. */
public final class TransportGrpcService extends TransportServiceService {
  private final EventBus bus;
  private final long timeoutMs;

  public TransportGrpcService(EventBus bus, long timeoutMs) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public Future<PipeList> listPipes(PipeListRequest request) {
    return LayerCalls.ask(bus, Addresses.PIPE_LIST, request, timeoutMs, PipeList.class);
  }
}
