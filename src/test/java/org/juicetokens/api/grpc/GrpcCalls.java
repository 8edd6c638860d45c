package org.juicetokens.api.grpc;

import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientResponse;
import org.juicetokens.api.Await;
import org.juicetokens.api.v1.DhtPutBody;
import org.juicetokens.api.v1.NodeServiceGrpcClient;

/** Raw gRPC calls for tests that look at the status and the metadata, not only the answer. */
public final class GrpcCalls {
  private GrpcCalls() {
  }

  /** PutDhtValue with optional authorization metadata; the response once it ended (status and message set). */
  public static GrpcClientResponse<DhtPutBody, ?> put(GrpcClient client, SocketAddress address, DhtPutBody body, String authorization) {
    return Await.result(client.request(address, NodeServiceGrpcClient.PutDhtValue)
      .compose(req -> {
        if (authorization != null) {
          req.headers().set("authorization", authorization);
        }
        return req.send(body);
      })
      .compose(resp -> resp.last().transform(ar -> Future.<GrpcClientResponse<DhtPutBody, ?>>succeededFuture(resp))));
  }
}
