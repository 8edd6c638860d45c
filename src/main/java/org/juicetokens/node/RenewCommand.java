package org.juicetokens.node;

import org.juicetokens.api.v1.RenewalServiceGrpcClient;
import org.juicetokens.lifecycle.renewal.proto.ExpiryNotice;
import org.juicetokens.lifecycle.renewal.proto.NoticeList;
import org.juicetokens.lifecycle.renewal.proto.NoticesRequest;
import org.juicetokens.lifecycle.renewal.proto.RenewReply;
import org.juicetokens.lifecycle.renewal.proto.RenewRequest;
import org.juicetokens.token.creation.Balances;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code bin/juice renew <tokenId> --requester ID [--facilitator ID]} and {@code bin/juice notices <identityId>}
 * over gRPC (see {@link ApiClient} for options and exit codes).
 */
@Command(name = "renew", mixinStandardHelpOptions = true,
  description = "Renew a token (its owner; an expired token through a facilitator, who earns its reward).")
final class RenewCommand implements Callable<Integer> {
  @Mixin
  ApiClient client;
  @Parameters(index = "0", paramLabel = "TOKEN_ID")
  String tokenId;
  @Option(names = "--requester", required = true, description = "the owner asking for the renewal")
  String requester;
  @Option(names = "--facilitator", defaultValue = "", description = "another identity renewing an expired token")
  String facilitator;

  @Override
  public Integer call() {
    RenewRequest request = RenewRequest.newBuilder().setTokenId(tokenId).setRequesterId(requester).setFacilitatorId(facilitator).build();
    return client.call(RenewalServiceGrpcClient.Renew, request, true, RenewCommand::human);
  }

  static String human(RenewReply r) {
    String line = "renewed " + r.getOldTokenId() + " -> " + r.getNewToken().getId() + ", expires "
      + Instant.ofEpochMilli(r.getNewToken().getExpiresAtMs()) + " (renewal " + r.getRenewalId() + ")";
    if (!r.getFacilitatorId().isEmpty()) {
      line += "\nfacilitator " + r.getFacilitatorId() + " earns " + Balances.format(r.getRewardHundredths())
        + (r.getRewardPaid() ? " (paid)" : " (owed: paid by the node's outbox)");
    }
    return line;
  }

  @Command(name = "notices", mixinStandardHelpOptions = true, description = "List an identity's expiry notices (newest first).")
  static final class Notices implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(index = "0", paramLabel = "IDENTITY_ID")
    String id;
    @Option(names = "--limit", defaultValue = "0", description = "most notices (0 = renewal.noticeLimit of the node)")
    int limit;

    @Override
    public Integer call() {
      return client.call(RenewalServiceGrpcClient.ListNotices, NoticesRequest.newBuilder().setIdentityId(id).setLimit(limit).build(), false,
        (NoticeList list) -> list.getNoticesCount() == 0 ? "no notices for " + id
          : list.getNoticesList().stream().map(Notices::line).collect(Collectors.joining("\n")) + (list.getTruncated() ? "\n(more)" : ""));
    }

    static String line(ExpiryNotice n) {
      return String.format("%s  token %s (%d) expires %s: %d-day notice", Instant.ofEpochMilli(n.getIssuedAtMs()), n.getTokenId(),
        n.getDenomination(), Instant.ofEpochMilli(n.getExpiresAtMs()), n.getDaysBefore());
    }
  }
}
