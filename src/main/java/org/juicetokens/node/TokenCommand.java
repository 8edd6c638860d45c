package org.juicetokens.node;

import org.juicetokens.api.v1.Balance;
import org.juicetokens.api.v1.BalanceRequest;
import org.juicetokens.api.v1.ListTokensRequest;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.api.v1.TokenList;
import org.juicetokens.api.v1.TokenReply;
import org.juicetokens.api.v1.TokenRequest;
import org.juicetokens.api.v1.TokenServiceGrpcClient;
import org.juicetokens.token.creation.Balances;
import org.juicetokens.token.proto.Token;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code bin/juice token mint|show|list} and {@code bin/juice balance}: the TokenService over gRPC
 * (see {@link ApiClient} for the common options and exit codes).
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Mint, show and list tokens over gRPC.",
  subcommands = {TokenCommand.Mint.class, TokenCommand.Show.class, TokenCommand.ListTokens.class})
final class TokenCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  static String line(Token t) {
    return String.format("%-40s %5d  %-8s %s owner %s expires %s", t.getId(), t.getDenomination(), t.getState(),
      t.getWissel() ? "WISSEL(" + Balances.format(t.getWisselHundredths()) + ")" : "      ", t.getOwnerId(),
      Instant.ofEpochMilli(t.getExpiresAtMs()));
  }

  @Command(name = "mint", mixinStandardHelpOptions = true, description = "Mint tokens: --issuer ID --owner ID --reference R --denomination D [--count N].")
  static final class Mint implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Option(names = "--issuer", required = true, description = "issuer identity id (mints under its issuance)")
    String issuer;
    @Option(names = "--owner", required = true, description = "owner identity id")
    String owner;
    @Option(names = "--reference", required = true, description = "issuance reference (1-32 of A-Z a-z 0-9)")
    String reference;
    @Option(names = "--denomination", required = true, description = "1, 2, 5, 10, 20, 50, 100, 200 or 500")
    int denomination;
    @Option(names = "--count", defaultValue = "1", description = "tokens to mint, 1-1000 (default ${DEFAULT-VALUE})")
    int count;

    @Override
    public Integer call() {
      MintRequest request = MintRequest.newBuilder().setIssuerId(issuer).setOwnerId(owner).setReference(reference)
        .setDenomination(denomination).setCount(count).build();
      return client.call(TokenServiceGrpcClient.MintTokens, request, true, (MintReply r) -> String.format(
        "minted %d token(s) of %d under %s%s, value %s%s%n", r.getTokensCount(), denomination, r.getIssuanceId(),
        r.getIssuanceClaimed() ? " (issuance claimed)" : "", Balances.format(r.getAmountHundredths()),
        r.getIndexPending() > 0 ? ", " + r.getIndexPending() + " index entries pending" : "")
        + r.getTokensList().stream().map(t -> "  " + line(t)).collect(Collectors.joining("\n")));
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one token, verified on its home node.")
  static final class Show implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(index = "0", paramLabel = "TOKEN_ID")
    String tokenId;

    @Override
    public Integer call() {
      return client.call(TokenServiceGrpcClient.GetToken, TokenRequest.newBuilder().setTokenId(tokenId).build(), false,
        (TokenReply r) -> line(r.getToken()) + "\n  issuance " + r.getToken().getIssuanceId() + ", home node " + r.getIndex().getHomeNode()
          + ", transfers " + r.getToken().getTelomere().getTransfers() + "\n  "
          + (r.getVerified() ? "verified (genesis signature and telomere)" : "NOT VERIFIED: " + r.getVerificationFailure()));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List an identity's tokens (from its home node).")
  static final class ListTokens implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(index = "0", paramLabel = "OWNER_ID")
    String owner;
    @Option(names = "--limit", defaultValue = "0", description = "at most this many (0 = the node's token.listLimit)")
    int limit;

    @Override
    public Integer call() {
      return client.call(TokenServiceGrpcClient.ListTokens, ListTokensRequest.newBuilder().setId(owner).setLimit(limit).build(), false,
        (TokenList r) -> r.getTokensCount() + " token(s)" + (r.getTruncated() ? " (truncated)" : "")
          + r.getTokensList().stream().map(t -> "\n  " + line(t)).collect(Collectors.joining()));
    }
  }

  /** {@code bin/juice balance ID}. */
  @Command(name = "balance", mixinStandardHelpOptions = true, description = "An identity's balance (units.hundredths, count, by denomination, wissel).")
  static final class BalanceCommand implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      return client.call(TokenServiceGrpcClient.GetBalance, BalanceRequest.newBuilder().setId(id).build(), false,
        (Balance b) -> String.format("%s: %s in %d token(s)%s%n  by denomination: %s%n  wissel: %s", b.getId(),
          Balances.format(b.getAmountHundredths()), b.getTokenCount(), b.getLockedCount() > 0 ? " (+" + b.getLockedCount() + " locked)" : "",
          b.getByDenominationList().isEmpty() ? "none" : b.getByDenominationList().stream()
            .map(d -> d.getCount() + "×" + d.getDenomination()).collect(Collectors.joining(", ")),
          b.getWisselTokenId().isEmpty() ? "none" : b.getWisselTokenId() + " at " + Balances.format(b.getWisselHundredths())));
    }
  }
}
