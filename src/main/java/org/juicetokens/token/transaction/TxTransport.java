package org.juicetokens.token.transaction;

import com.google.protobuf.InvalidProtocolBufferException;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.transaction.proto.TxAck;
import org.juicetokens.token.transaction.proto.TxMessage;
import org.juicetokens.token.transaction.proto.TxPipeQuote;
import org.juicetokens.token.transaction.proto.TxQuote;
import org.juicetokens.token.transaction.proto.TxQuoteRequest;
import org.juicetokens.transport.pipe.proto.PipeDelivery;
import org.juicetokens.transport.pipe.proto.PipeSendRequest;
import org.juicetokens.transport.pipe.proto.PipeSendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Carries the exchange's messages, the same {@link TxMessage} either way: to a member of this
 * cluster with a bus request to {@code Addresses.node(toNode, TX_MESSAGE_SUFFIX)}; to any other node
 * over its WebSocket pipe (PIPE_SEND by peer node id, message type {@value #MESSAGE_TYPE}; received
 * through PIPE_DELIVERED). The quote crosses a pipe as a request/reply pair matched by correlation
 * id. Membership decides (the Hazelcast member attribute juice.nodeId). A lost send is not an
 * error: the engine re-sends. Runs on the transaction verticle's loop.
 */
final class TxTransport {
  private static final Logger LOG = LoggerFactory.getLogger(TxTransport.class);
  static final String MESSAGE_TYPE = "tx.message";
  static final String QUOTE_TYPE = "tx.quote";
  static final String QUOTE_REPLY_TYPE = "tx.quote.reply";

  private final Vertx vertx;
  private final TxCalls calls;
  private final HazelcastInstance hazelcast;
  private final String selfNode;
  private final Map<String, Promise<TxQuote>> pendingQuotes = new HashMap<>();

  TxTransport(Vertx vertx, TxCalls calls, HazelcastInstance hazelcast, String selfNode) {
    this.vertx = vertx;
    this.calls = calls;
    this.hazelcast = hazelcast;
    this.selfNode = selfNode;
  }

  boolean isMember(String nodeId) {
    if (nodeId.equals(selfNode)) {
      return true;
    }
    return hazelcast.getCluster().getMembers().stream().anyMatch(m -> nodeId.equals(m.getAttribute("juice.nodeId")));
  }

  /** Sends {@code message}; answers "bus" or "pipe" when handed over, fails when it could not be. */
  Future<String> send(String toNode, TxMessage message) {
    if (isMember(toNode)) {
      return calls.ask(Addresses.node(toNode, Addresses.TX_MESSAGE_SUFFIX), message, calls.timeoutMs(), TxAck.class).map("bus");
    }
    return pipe(toNode, MESSAGE_TYPE, message.toByteString()).map("pipe");
  }

  /** The payee's quote from its home node (bus or pipe). */
  Future<TxQuote> quote(String payeeNode, TxQuoteRequest request) {
    if (isMember(payeeNode)) {
      return calls.ask(Addresses.node(payeeNode, Addresses.TX_QUOTE_SUFFIX), request, calls.timeoutMs(), TxQuote.class);
    }
    String correlation = UUID.randomUUID().toString();
    Promise<TxQuote> promise = Promise.promise();
    pendingQuotes.put(correlation, promise);
    long timer = vertx.setTimer(calls.timeoutMs(), id -> {
      Promise<TxQuote> p = pendingQuotes.remove(correlation);
      if (p != null) {
        p.tryFail(new JuiceException(ErrorCode.UNAVAILABLE, "no quote from node " + payeeNode + " within " + calls.timeoutMs() + " ms"));
      }
    });
    TxPipeQuote ask = TxPipeQuote.newBuilder().setRequest(request.toBuilder().setCorrelationId(correlation)).build();
    pipe(payeeNode, QUOTE_TYPE, ask.toByteString()).onFailure(e -> {
      Promise<TxQuote> p = pendingQuotes.remove(correlation);
      if (p != null) {
        p.tryFail(e);
      }
    });
    return promise.future().andThen(ar -> vertx.cancelTimer(timer)).compose(q -> q.getErrorCode().isEmpty() ? Future.succeededFuture(q)
      : Future.failedFuture(new JuiceException(codeOf(q.getErrorCode()), q.getErrorMessage())));
  }

  /**
   * Receives over pipes: exchange messages go to {@code inbound}, quote requests are answered with
   * {@code quoter}, quote replies complete the waiting {@link #quote}.
   */
  MessageConsumer<PipeDelivery> listen(Consumer<TxMessage> inbound, Function<TxQuoteRequest, Future<TxQuote>> quoter) {
    return vertx.eventBus().<PipeDelivery>localConsumer(Addresses.PIPE_DELIVERED, m -> {
      PipeDelivery d = m.body();
      try {
        switch (d.getMessageType()) {
          case MESSAGE_TYPE -> inbound.accept(TxMessage.parseFrom(d.getPayload()));
          case QUOTE_TYPE -> {
            TxQuoteRequest request = TxPipeQuote.parseFrom(d.getPayload()).getRequest();
            quoter.apply(request).recover(e -> {
              JuiceException je = e instanceof JuiceException j ? j : JuiceException.internal(String.valueOf(e.getMessage()), e);
              return Future.succeededFuture(TxQuote.newBuilder().setPayeeId(request.getPayeeId()).setErrorCode(je.code().name())
                .setErrorMessage(String.valueOf(je.getMessage())).build());
            }).compose(q -> pipe(d.getPeerNodeId(), QUOTE_REPLY_TYPE,
              TxPipeQuote.newBuilder().setReply(q.toBuilder().setCorrelationId(request.getCorrelationId())).build().toByteString()))
              .onFailure(e -> LOG.debug("[Transaction] quote reply to {} not sent: {}", d.getPeerNodeId(), e.getMessage()));
          }
          case QUOTE_REPLY_TYPE -> {
            TxQuote reply = TxPipeQuote.parseFrom(d.getPayload()).getReply();
            Promise<TxQuote> p = pendingQuotes.remove(reply.getCorrelationId());
            if (p != null) {
              p.tryComplete(reply);
            }
          }
          default -> {
            // another layer's message type
          }
        }
      } catch (InvalidProtocolBufferException e) {
        LOG.warn("[Transaction] undecodable {} from pipe peer {}: {}", d.getMessageType(), d.getPeerNodeId(), e.getMessage());
      }
    });
  }

  private Future<PipeSendResult> pipe(String peer, String type, com.google.protobuf.ByteString payload) {
    return calls.ask(Addresses.PIPE_SEND, PipeSendRequest.newBuilder().setPeerNodeId(peer).setMessageType(type).setPayload(payload).build(),
      calls.timeoutMs(), PipeSendResult.class);
  }

  private static ErrorCode codeOf(String name) {
    try {
      return ErrorCode.valueOf(name);
    } catch (IllegalArgumentException e) {
      return ErrorCode.INTERNAL;
    }
  }
}
