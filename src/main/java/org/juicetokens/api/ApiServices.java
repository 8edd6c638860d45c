package org.juicetokens.api;

import org.juicetokens.api.v1.ChainServiceService;
import org.juicetokens.api.v1.DiscoveryServiceService;
import org.juicetokens.api.v1.EggServiceService;
import org.juicetokens.api.v1.ExtensionServiceService;
import org.juicetokens.api.v1.IdentityServiceService;
import org.juicetokens.api.v1.NodeServiceService;
import org.juicetokens.api.v1.RenewalServiceService;
import org.juicetokens.api.v1.TokenServiceService;
import org.juicetokens.api.v1.TransactionServiceService;
import org.juicetokens.api.v1.TransportServiceService;
import org.juicetokens.api.v1.TrustServiceService;

import java.util.Objects;

/**
 * The service implementations behind the node's API, built once and served by both faces: gRPC
 * ({@code api.grpc.GrpcEdge}) and HTTP/JSON ({@code api.http.ApiRoutes}) call the same objects.
 * It exists so that a new service is one component here plus one line in each face, instead of
 * one more overload of every wiring method. {@code node} and {@code discovery} are always there;
 * any other service left null has no HTTP routes and is not registered on the gRPC server.
 */
public record ApiServices(NodeServiceService node, DiscoveryServiceService discovery, TransportServiceService transport,
                          IdentityServiceService identity, TokenServiceService tokens, TransactionServiceService transactions,
                          ChainServiceService chains, TrustServiceService trust, EggServiceService eggs,
                          RenewalServiceService renewals, ExtensionServiceService extensions) {
  public ApiServices {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(discovery, "discovery");
  }

  /** A bundle with the two services every API has; add the others with the builder's setters. */
  public static Builder builder(NodeServiceService node, DiscoveryServiceService discovery) {
    return new Builder(node, discovery);
  }

  /** Collects the optional services (each setter once, any order); unset ones stay null. */
  public static final class Builder {
    private final NodeServiceService node;
    private final DiscoveryServiceService discovery;
    private TransportServiceService transport;
    private IdentityServiceService identity;
    private TokenServiceService tokens;
    private TransactionServiceService transactions;
    private ChainServiceService chains;
    private TrustServiceService trust;
    private EggServiceService eggs;
    private RenewalServiceService renewals;
    private ExtensionServiceService extensions;

    private Builder(NodeServiceService node, DiscoveryServiceService discovery) {
      this.node = node;
      this.discovery = discovery;
    }

    public Builder transport(TransportServiceService transport) {
      this.transport = transport;
      return this;
    }

    public Builder identity(IdentityServiceService identity) {
      this.identity = identity;
      return this;
    }

    public Builder tokens(TokenServiceService tokens) {
      this.tokens = tokens;
      return this;
    }

    public Builder transactions(TransactionServiceService transactions) {
      this.transactions = transactions;
      return this;
    }

    public Builder chains(ChainServiceService chains) {
      this.chains = chains;
      return this;
    }

    public Builder trust(TrustServiceService trust) {
      this.trust = trust;
      return this;
    }

    public Builder eggs(EggServiceService eggs) {
      this.eggs = eggs;
      return this;
    }

    public Builder renewals(RenewalServiceService renewals) {
      this.renewals = renewals;
      return this;
    }

    public Builder extensions(ExtensionServiceService extensions) {
      this.extensions = extensions;
      return this;
    }

    public ApiServices build() {
      return new ApiServices(node, discovery, transport, identity, tokens, transactions, chains, trust, eggs, renewals, extensions);
    }
  }
}
