package org.juicetokens.node;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import org.juicetokens.api.v1.AuditReport;
import org.juicetokens.api.v1.AuditRequest;
import org.juicetokens.api.v1.GetTransferRequest;
import org.juicetokens.api.v1.TransactionServiceGrpcClient;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.api.v1.TransferRequest;
import org.juicetokens.api.grpc.TransferOutcome;
import org.juicetokens.token.transaction.proto.TxState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code bin/juice transfer --from A --to B --amount 12.34 [--to-node N] [--tx-id ID]}: runs a
 * transfer with WatchTransfer (the node subscribes to the tx's events before it starts the
 * transfer) and prints every state transition as it happens, then the outcome; exit 0 committed,
 * 1 aborted/refused, 2 bad arguments, 3 node unreachable. {@code transfer show TX_ID} and
 * {@code bin/juice audit}. See {@link ApiClient} for the common options.
 */
@Command(name = "transfer", mixinStandardHelpOptions = true, subcommands = TransferCommand.Show.class,
  description = "Transfer an amount between identities and print each state change; 'transfer show TX_ID' reads one.")
final class TransferCommand implements Callable<Integer> {
  private static final JsonFormat.Printer ONE_LINE = JsonFormat.printer().omittingInsignificantWhitespace();

  @Mixin
  ApiClient client;
  // not required for picocli, so 'transfer show' works without them; checked in call()
  @Option(names = "--from", description = "the payer's identity id (homed in the node's cluster)")
  String from;
  @Option(names = "--to", description = "the payee's identity id")
  String to;
  @Option(names = "--amount", description = "units with at most 2 decimals, e.g. 12.34")
  String amount;
  @Option(names = "--to-node", description = "the payee's node when it is not a member of this cluster (a pipe peer)")
  String toNode;
  @Option(names = "--tx-id", description = "the transfer's id (default: a new UUID); the same id again answers the same transfer")
  String txId;

  @Override
  public Integer call() {
    if (from == null || to == null || amount == null) {
      client.err.println("transfer needs --from, --to and --amount (or: transfer show TX_ID)");
      return ApiClient.EXIT_USAGE;
    }
    long hundredths;
    try {
      hundredths = Amounts.parseHundredths(amount);
    } catch (IllegalArgumentException e) {
      client.err.println(e.getMessage());
      return ApiClient.EXIT_USAGE;
    }
    String id = txId == null || txId.isBlank() ? UUID.randomUUID().toString() : txId.trim();
    TransferRequest request = TransferRequest.newBuilder().setFromId(from).setToId(to).setAmountHundredths(hundredths)
      .setToNode(toNode == null ? "" : toNode).setTxId(id).build();
    if (!client.json) {
      client.out.println("transfer " + id + ": " + amount.trim() + " from " + from + " to " + to);
    }
    AtomicReference<TransferEvent> last = new AtomicReference<>();
    return client.run(vertx -> {
      client.stream(vertx, TransactionServiceGrpcClient.WatchTransfer, request, true, event -> {
        if (client.json) {
          try {
            client.out.println(ONE_LINE.print(event));
          } catch (InvalidProtocolBufferException e) {
            client.err.println("unprintable event: " + e.getMessage());
          }
        } else {
          client.out.println(TransferLines.event(event));
        }
        if (TransferOutcome.endsWatch(event)) {
          last.set(event);
        }
      });
      TransferEvent outcome = last.get();
      if (outcome == null) {
        throw new ApiClient.Failed(ApiClient.EXIT_REFUSED, "the stream ended without the payer's outcome: see 'transfer show " + id + "'");
      }
      if (!client.json) {
        client.out.println(TransferLines.outcome(outcome));
      }
      return outcome.getState() == TxState.COMMITTED ? ApiClient.EXIT_OK : ApiClient.EXIT_REFUSED;
    });
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one transfer (this node's record, else the other members').")
  static final class Show implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(index = "0", paramLabel = "TX_ID")
    String txId;

    @Override
    public Integer call() {
      return client.call(TransactionServiceGrpcClient.GetTransfer, GetTransferRequest.newBuilder().setTxId(txId).build(), false,
        (Transfer t) -> TransferLines.transfer(t));
    }
  }

  /** {@code bin/juice audit}: exit 0 conserved, 1 not conserved (the problems are printed). */
  @Command(name = "audit", mixinStandardHelpOptions = true, description = "The cluster-wide conservation audit (held + expired = minted).")
  static final class Audit implements Callable<Integer> {
    @Mixin
    ApiClient client;

    @Override
    public Integer call() {
      return client.run(vertx -> {
        AuditReport report = client.call(vertx, TransactionServiceGrpcClient.Audit, AuditRequest.getDefaultInstance(), false);
        if (client.json) {
          client.print(report);
        } else {
          client.out.println(TransferLines.audit(report));
        }
        return report.getConserved() ? ApiClient.EXIT_OK : ApiClient.EXIT_REFUSED;
      });
    }
  }
}
