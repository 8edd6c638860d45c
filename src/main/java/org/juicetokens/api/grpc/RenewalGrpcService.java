package org.juicetokens.api.grpc;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.api.v1.RenewalServiceService;
import org.juicetokens.common.Addresses;
import org.juicetokens.lifecycle.renewal.proto.NoticeList;
import org.juicetokens.lifecycle.renewal.proto.NoticesRequest;
import org.juicetokens.lifecycle.renewal.proto.RenewReply;
import org.juicetokens.lifecycle.renewal.proto.RenewRequest;

/**
 * {@code juicetokens.api.v1.RenewalService}: one request to the node's renewal layer, which runs it on
 * the token owner's home node. A renewal asks the issuer's home node and may pay a reward by a
 * transfer, so it waits longer than one bus request.
 */
public final class RenewalGrpcService extends RenewalServiceService {
  private final EventBus bus;
  private final long timeoutMs;

  public RenewalGrpcService(EventBus bus, long timeoutMs) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public Future<RenewReply> renew(RenewRequest request) {
    return LayerCalls.ask(bus, Addresses.RENEWAL_RENEW, request, 8 * timeoutMs, RenewReply.class);
  }

  @Override
  public Future<NoticeList> listNotices(NoticesRequest request) {
    return LayerCalls.ask(bus, Addresses.RENEWAL_NOTICES, request, 2 * timeoutMs, NoticeList.class);
  }
}
