package org.juicetokens.api.grpc;

import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import org.juicetokens.api.Await;
import org.juicetokens.api.v1.CreateGenesisPoolRequest;
import org.juicetokens.api.v1.EggServiceGrpcClient;
import org.juicetokens.api.v1.RenewalServiceGrpcClient;
import org.juicetokens.lifecycle.renewal.proto.RenewRequest;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.trust.attestation.proto.CreateAttestationRequest;
import org.juicetokens.api.v1.TrustServiceGrpcClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With api.token set, a gRPC method whose HTTP rule mutates needs the bearer token whichever service
 * it belongs to: the list the check is built from is collected where GrpcEdge registers the services
 * (the egg service was once missing from a hand-kept list). Without the token the call is refused
 * before it reaches its layer; with a wrong request but the right token it gets past the check.
 */
class GrpcAuthCoverageTest {
  private static final String TOKEN = "grpc-secret";
  @TempDir
  static Path tmp;
  static List<JuiceNode> nodes;
  static GrpcClient client;
  static SocketAddress address;

  @BeforeAll
  static void start() throws Exception {
    nodes = InJvmClusters.startCluster(tmp, List.of("a"), Map.of("api.token", TOKEN));
    client = GrpcClient.client(nodes.get(0).vertx());
    address = SocketAddress.inetSocketAddress(nodes.get(0).httpPort(), "127.0.0.1");
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    InJvmClusters.closeAll(nodes);
  }

  @Test
  void lifecycle_and_trust_mutations_over_grpc_need_the_token() {
    assertThat(status(EggServiceGrpcClient.CreateGenesisPool, CreateGenesisPoolRequest.newBuilder().addMemberIds("x").build(), null))
      .isEqualTo(GrpcStatus.UNAUTHENTICATED);
    assertThat(status(RenewalServiceGrpcClient.Renew, RenewRequest.newBuilder().setTokenId("t").build(), null))
      .isEqualTo(GrpcStatus.UNAUTHENTICATED);
    assertThat(status(TrustServiceGrpcClient.CreateAttestation, CreateAttestationRequest.getDefaultInstance(), "Bearer wrong"))
      .isEqualTo(GrpcStatus.UNAUTHENTICATED);
    // with the token the call reaches the egg layer, which refuses the one-member pool as bad input
    assertThat(status(EggServiceGrpcClient.CreateGenesisPool, CreateGenesisPoolRequest.newBuilder().addMemberIds("x").build(),
      "Bearer " + TOKEN)).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
  }

  private static <Q extends Message, R extends Message> GrpcStatus status(ServiceMethod<R, Q> method, Q body, String authorization) {
    GrpcClientResponse<Q, R> response = Await.result(client.request(address, method).compose(req -> {
      if (authorization != null) {
        req.headers().set("authorization", authorization);
      }
      return req.send(body);
    }).compose(resp -> resp.last().transform(ar -> Future.succeededFuture(resp))));
    return response.status();
  }
}
