package org.juicetokens.node;

import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.juicetokens.api.v1.Balance;
import org.juicetokens.api.v1.BalanceRequest;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.api.v1.TokenReply;
import org.juicetokens.api.v1.TokenRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.juicetokens.testing.Cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The TokenService at the edge: HTTP/JSON (with the bearer token on the mint), an independent
 * gRPC client (grpc-java's blocking calls, no Vert.x), and the CLI commands token mint|show|list
 * and balance against the same node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenApiTest {
  private static final String TOKEN = "s3cret-" + UUID.randomUUID();
  private static final String SERVICE = "juicetokens.api.v1.TokenService";
  private static final MethodDescriptor<MintRequest, MintReply> MINT = unary("MintTokens", MintRequest.getDefaultInstance(),
    MintReply.getDefaultInstance());
  private static final MethodDescriptor<TokenRequest, TokenReply> GET = unary("GetToken", TokenRequest.getDefaultInstance(),
    TokenReply.getDefaultInstance());
  private static final MethodDescriptor<BalanceRequest, Balance> BALANCE = unary("GetBalance", BalanceRequest.getDefaultInstance(),
    Balance.getDefaultInstance());

  private JuiceNode node;
  private WebClient web;
  private ManagedChannel channel;
  private String issuer;
  private String owner;

  private static <Q extends com.google.protobuf.Message, R extends com.google.protobuf.Message> MethodDescriptor<Q, R> unary(
    String method, Q request, R reply) {
    return MethodDescriptor.<Q, R>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, method))
      .setRequestMarshaller(ProtoUtils.marshaller(request)).setResponseMarshaller(ProtoUtils.marshaller(reply)).build();
  }

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    node = JuiceNode.start(NodeConfig.of(Map.of("node.id", "api", "http.port", "0", "node.dataDir", tmp.toString(),
      "cluster.name", "test-" + UUID.randomUUID(), "cluster.port", String.valueOf(FreePorts.next()), "cluster.fastJoin", "true",
      "api.token", TOKEN))).await(90, TimeUnit.SECONDS);
    web = WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
    channel = Grpc.newChannelBuilderForAddress("127.0.0.1", node.httpPort(), InsecureChannelCredentials.create()).build();
    issuer = create("Issuer");
    owner = create("Owner");
  }

  @AfterAll
  void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    if (node != null) {
      node.close().await(30, TimeUnit.SECONDS);
    }
  }

  private String create(String name) throws Exception {
    return Bus.request(node.vertx().eventBus(), Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName(name).build(),
      20_000, IdentityView.class).await(30, TimeUnit.SECONDS).getDocument().getId();
  }

  private HttpResponse<Buffer> post(String path, JsonObject body, String authorization) throws Exception {
    var request = web.post(path).putHeader("Content-Type", "application/json");
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return request.sendBuffer(body.toBuffer()).await(30, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> get(String path) throws Exception {
    return web.get(path).send().await(30, TimeUnit.SECONDS);
  }

  @Test
  void http_json_mint_needs_the_token_then_reads_back() throws Exception {
    JsonObject body = new JsonObject().put("issuerId", issuer).put("ownerId", owner).put("reference", "http")
      .put("denomination", 10).put("count", 2);
    HttpResponse<Buffer> refused = post("/api/v1/tokens:mint", body, null);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("UNAUTHENTICATED");

    HttpResponse<Buffer> minted = post("/api/v1/tokens:mint", body, "Bearer " + TOKEN);
    assertThat(minted.statusCode()).as(minted.bodyAsString()).isEqualTo(200);
    JsonObject reply = minted.bodyAsJsonObject();
    assertThat(reply.getString("issuanceId")).isEqualTo("47c609bc-http");
    assertThat(reply.getString("amountHundredths")).isEqualTo("2000");
    assertThat(reply.getJsonArray("tokens")).hasSize(2);

    JsonObject token = get("/api/v1/tokens/47c609bc-http-10-002").bodyAsJsonObject();
    assertThat(token.getBoolean("verified")).as(token.encode()).isTrue();
    assertThat(token.getJsonObject("token").getString("ownerId")).isEqualTo(owner);
    assertThat(token.getJsonObject("index").getString("homeNode")).isEqualTo("api");

    JsonObject history = get("/api/v1/tokens/47c609bc-http-10-001/history").bodyAsJsonObject();
    assertThat(history.getBoolean("valid")).isTrue();
    assertThat(history.getJsonArray("entries")).hasSize(1);
    assertThat(get("/api/v1/identities/" + owner + "/tokens?limit=1").bodyAsJsonObject().getJsonArray("tokens")).hasSize(1);
    assertThat(get("/api/v1/identities/" + owner + "/balance").bodyAsJsonObject().getString("amountHundredths")).isNotNull();

    HttpResponse<Buffer> bad = post("/api/v1/tokens:mint", body.copy().put("denomination", 7), "Bearer " + TOKEN);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("message")).contains("denomination 7 is not one of");
    HttpResponse<Buffer> malformed = get("/api/v1/tokens/not-a-token");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(get("/api/v1/tokens/47c609bc-http-10-999").statusCode()).isEqualTo(404);
  }

  @Test
  void an_independent_grpc_client_mints_reads_and_is_refused_clearly() throws Exception {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TOKEN);
    var authorized = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS);

    MintRequest request = MintRequest.newBuilder().setIssuerId(issuer).setOwnerId(owner).setReference("grpc").setDenomination(1).setCount(3).build();
    assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, MINT, options, request))
      .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    MintReply reply = ClientCalls.blockingUnaryCall(authorized, MINT, options, request);
    assertThat(reply.getTokensCount()).isEqualTo(3);

    TokenReply token = ClientCalls.blockingUnaryCall(channel, GET, options, TokenRequest.newBuilder().setTokenId(reply.getTokens(0).getId()).build());
    assertThat(token.getVerified()).isTrue();
    Balance balance = ClientCalls.blockingUnaryCall(channel, BALANCE, options, BalanceRequest.newBuilder().setId(owner).build());
    assertThat(balance.getWisselTokenId()).isNotEmpty();

    assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(authorized, MINT, options, request.toBuilder().setCount(1001).build()))
      .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(e.getStatus().getDescription()).contains("count must be 1 to 1000");
      });
  }

  @Test
  void cli_mints_shows_lists_and_prints_the_balance() {
    String at = "127.0.0.1:" + node.httpPort();
    String minted = Cli.expect(0, "token", "mint", "--node", at, "--token", TOKEN, "--issuer", issuer, "--owner", owner,
      "--reference", "cli", "--denomination", "5", "--count", "2");
    assertThat(minted).contains("minted 2 token(s) of 5 under 47c609bc-cli").contains("value 10.00").contains("47c609bc-cli-5-002");
    assertThat(Cli.expect(0, "token", "show", "--node", at, "47c609bc-cli-5-001")).contains("verified (genesis signature and telomere)");
    assertThat(Cli.expect(0, "token", "list", "--node", at, owner)).contains("47c609bc-cli-5-001");
    assertThat(Cli.expect(0, "balance", "--node", at, owner)).contains(owner + ": ").contains("by denomination:").contains("2×5");
    assertThat(Cli.expect(0, "balance", "--node", at, "--json", owner)).contains("\"amountHundredths\"");
    assertThat(Cli.expect(1, "token", "mint", "--node", at, "--issuer", issuer, "--owner", owner, "--reference", "cli", "--denomination", "5"))
      .contains("refused the call: UNAUTHENTICATED");
    assertThat(Cli.expect(1, "token", "show", "--node", at, "bad-id")).contains("INVALID_ARGUMENT");
  }
}
