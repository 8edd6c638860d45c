package org.juicetokens.token.transaction;

import com.google.protobuf.ByteString;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.proto.TelomereLinkSigned;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.telomere.Telomeres;
import org.juicetokens.token.transaction.proto.Accept;
import org.juicetokens.token.transaction.proto.Certificate;
import org.juicetokens.token.transaction.proto.DecisionQuery;
import org.juicetokens.token.transaction.proto.Finalization;
import org.juicetokens.token.transaction.proto.Packet;
import org.juicetokens.token.transaction.proto.PacketKind;
import org.juicetokens.token.transaction.proto.Preparation;
import org.juicetokens.token.transaction.proto.Reject;
import org.juicetokens.token.transaction.proto.TxDecision;
import org.juicetokens.token.transaction.proto.TxMessage;
import org.juicetokens.token.transaction.proto.TxPlan;
import org.juicetokens.token.transaction.proto.TxRecord;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The payee's side. INITIATED (proposal under review, then accepted) → PREPARING (sExo verified,
 * change links being signed) → PREPARED (change locked, rRetro durable, Preparation sent) →
 * COMMITTED on the payer's commit certificate, or ABORTED on its abort certificate. Before its
 * Preparation is sent the payee may abort alone (deadline, bad sExo); after, it never decides
 * alone: past the deadline it is IN_DOUBT, change still locked, and asks the payer with back-off.
 */
final class PayeeExchange extends Exchange {
  private final PacketVerifier verifier;
  private boolean reviewing;
  private boolean accepted;
  private byte[] vectorClock = new byte[0];
  private String rejectReason = "";
  private List<Token> change = List.of();
  private final Map<String, TelomereLinkSigned> linksToSign = new LinkedHashMap<>();
  private final Map<String, byte[]> linkSignatures = new LinkedHashMap<>();
  /** PREPARED was written (or is being written): the change is locked. */
  private boolean locked;
  /** The Preparation may have reached the payer: from here on only the payer decides. */
  private boolean preparationSent;

  PayeeExchange(String txId, ExchangeSettings settings, LongSupplier clock, String selfNode, PacketVerifier verifier) {
    super(new ExchangeId(txId, TxRole.PAYEE), settings, clock, selfNode);
    this.verifier = verifier;
  }

  /** A new proposal: checked here for its arithmetic and deadline, then handed to the node for review. */
  List<TxEffect> propose(TxMessage m) {
    List<TxEffect> effects = begin();
    TxPlan plan = m.getPropose().getPlan();
    rec = TxRecord.newBuilder().setTxId(id.txId()).setRole(TxRole.PAYEE).setPlan(plan).setDeadlineMs(plan.getDeadlineMs());
    transition(TxState.INITIATED, "proposed by the payer");
    String problem = Plans.problem(plan, now(), settings);
    if (problem != null) {
      refuse(ErrorCode.INVALID_ARGUMENT, problem);
      return effects;
    }
    reviewing = true;
    out.add(new TxEffect.Review(id, plan));
    setTimer(TimerKind.DEADLINE, plan.getDeadlineMs());
    return effects;
  }

  List<TxEffect> resume(TxRecord record) {
    List<TxEffect> effects = begin();
    resumeFrom(record);
    if (record.getState() == TxState.PREPARED || record.getState() == TxState.IN_DOUBT) {
      locked = true;
      preparationSent = true; // it may have been sent before the crash
      setTimer(TimerKind.DEADLINE, record.getDeadlineMs());
      retry();
    }
    return effects;
  }

  @Override
  String peerNode() {
    return plan().getPayerNode();
  }

  @Override
  ByteString selfKey() {
    return plan().getPayeeKey();
  }

  @Override
  void onMessage(TxMessage m) {
    switch (m.getBodyCase()) {
      case PROPOSE -> {
        if (accepted && state() == TxState.INITIATED) {
          sendAccept();
        } else if (state() == TxState.ABORTED && !rejectReason.isEmpty()) {
          sendReject();
        } else {
          ignore("proposal again in " + state());
        }
      }
      case INITIATION -> onInitiation(m);
      case COMMITMENT -> onCertificate(m.getCommitment().getCertificate());
      case DECISION -> onCertificate(m.getDecision().getCertificate());
      default -> ignore("a payee does not take " + m.getBodyCase());
    }
  }

  @Override
  void onReviewed(TxEvent.Reviewed reviewed) {
    if (!reviewing || state() != TxState.INITIATED) {
      ignore("review in " + state());
      return;
    }
    reviewing = false;
    if (!reviewed.accept()) {
      refuse(ErrorCode.CONFLICT, reviewed.rejectReason());
      return;
    }
    String problem = changeProblem(reviewed.change());
    if (problem != null) {
      refuse(ErrorCode.INVALID_ARGUMENT, problem);
      return;
    }
    accepted = true;
    change = reviewed.change();
    vectorClock = reviewed.payeeVectorClock();
    transition(TxState.INITIATED, "accepted");
    sendAccept();
  }

  private String changeProblem(List<Token> tokens) {
    if (Exchange.units(tokens) != plan().getChangeUnits()) {
      return "the change is worth " + Exchange.units(tokens) + " units, " + plan().getChangeUnits() + " expected";
    }
    HashSet<String> ids = new HashSet<>();
    for (Token t : tokens) {
      if (t.getWissel() || !ids.add(t.getId())) {
        return "change token " + t.getId() + " is a wissel token or listed twice";
      }
    }
    return null;
  }

  private void onInitiation(TxMessage m) {
    if (state() != TxState.INITIATED || !accepted) {
      if (state() == TxState.ABORTED) {
        sendReject();
      } else if ((state() == TxState.PREPARED || state() == TxState.IN_DOUBT) && preparationSent) {
        sendPreparation();
      } else {
        ignore("initiation in " + state());
      }
      return;
    }
    Packet sExo = m.getInitiation().getSExo();
    String problem = Packets.problem(sExo, PacketKind.S_EXO, id.txId(), plan().getUnitsSent());
    if (problem == null) {
      problem = verifier.problem(sExo, id.txId(), plan().getPayerKey().toByteArray(), plan().getPayeeKey().toByteArray());
    }
    if (problem != null) {
      rejectReason = "bad sExo: " + problem;
      if (abortAlone(ErrorCode.INVALID_ARGUMENT, rejectReason)) {
        sendReject();
      }
      return;
    }
    rec.setSExo(sExo);
    transition(TxState.PREPARING, "sExo verified; signing change links");
    for (Token token : change) {
      TelomereLinkSigned link = Telomeres.linkToSign(token.getId(), token.getTelomere(), plan().getPayerKey().toByteArray(), id.txId(), now());
      linksToSign.put(token.getId(), link);
      requestSignature(link.toByteArray(), PayerExchange.LINK + token.getId());
    }
    if (change.isEmpty()) {
      prepare();
    }
  }

  @Override
  void onSigned(String purpose, byte[] signature) {
    if (!purpose.startsWith(PayerExchange.LINK) || state() != TxState.PREPARING) {
      ignore("signature of " + purpose + " in " + state());
      return;
    }
    linkSignatures.put(purpose.substring(PayerExchange.LINK.length()), signature);
    if (linkSignatures.size() == linksToSign.size()) {
      prepare();
    }
  }

  private void prepare() {
    List<Token> exo = new ArrayList<>();
    try {
      for (Token token : change) {
        Token moved = token.toBuilder().setTelomere(Telomeres.append(token.getTelomere(), linksToSign.get(token.getId()),
          selfKey().toByteArray(), linkSignatures.get(token.getId()), settings.tailLinks())).build();
        exo.add(inTransit(moved, plan().getPayerId(), id.txId()));
      }
    } catch (JuiceException e) {
      rejectReason = "change link could not be made";
      if (abortAlone(e.code(), rejectReason + ": " + e.getMessage())) {
        sendReject();
      }
      return;
    }
    if (!exo.isEmpty()) {
      rec.setRExo(Packet.newBuilder().setTxId(id.txId()).setKind(PacketKind.R_EXO).addAllTokens(exo))
        .setRRetro(Packet.newBuilder().setTxId(id.txId()).setKind(PacketKind.R_RETRO).addAllTokens(change));
    }
    locked = true;
    persist(TxState.PREPARED, "sExo verified, change locked, rRetro written", TokenBatch.lock(change.stream().map(Token::getId).toList()), true,
      () -> {
        preparationSent = true;
        sendPreparation();
        scheduleRetry();
      });
  }

  private void onCertificate(Certificate certificate) {
    byte[] payerKey = plan().getPayerKey().toByteArray();
    Certificates.Verdict verdict = Certificates.verify(certificate, payerKey, id.txId());
    if (!verdict.valid()) {
      ignore("certificate refused: " + verdict.problem() + " " + verdict.detail());
      return;
    }
    if (verdict.body().getDecision() == TxDecision.ABORT) {
      onAbortCertificate(certificate);
      return;
    }
    if (durablyIn(TxState.COMMITTED)) {
      sendFinalization();
      return;
    }
    if ((state() != TxState.PREPARED && state() != TxState.IN_DOUBT) || !locked) {
      rec.setLastError("a commit certificate in " + state());
      ignore("a commit certificate in " + state());
      return;
    }
    Packet rExo = rec.hasRExo() ? rec.getRExo() : null;
    Certificates.Verdict commit = Certificates.verifyCommit(certificate, payerKey, id.txId(), rec.getSExo(), rExo);
    if (!commit.valid()) {
      ignore("commit certificate refused: " + commit.problem() + " " + commit.detail());
      return;
    }
    dropWaitingEffects();
    rec.setCertificate(certificate);
    List<Token> arrived = rec.getSExo().getTokensList().stream().map(t -> owned(t, plan().getPayeeId())).toList();
    List<String> gone = rec.getRRetro().getTokensList().stream().map(Token::getId).toList();
    TokenBatch batch = new TokenBatch(List.of(), gone, arrived, plan().getHundredthsToPayee());
    persist(TxState.COMMITTED, "committed by the payer's certificate", batch, true, () -> {
      sendFinalization();
      cancelTimers();
      outcome(TxState.COMMITTED, null, "");
    });
  }

  private void onAbortCertificate(Certificate certificate) {
    if (decided()) {
      if (state() == TxState.COMMITTED) {
        rec.setLastError("an abort certificate after committing");
      }
      ignore("abort certificate in " + state());
      return;
    }
    dropWaitingEffects();
    requested.clear();
    rec.setCertificate(certificate);
    abortWith(ErrorCode.CONFLICT, "aborted by the payer");
  }

  /** Aborts without the payer: only allowed while the Preparation has not been sent. */
  private boolean abortAlone(ErrorCode code, String reason) {
    if (decided() || preparationSent) {
      return false;
    }
    dropWaitingEffects();
    requested.clear();
    abortWith(code, reason);
    return true;
  }

  private void abortWith(ErrorCode code, String reason) {
    rec.setLastError(reason);
    if (locked) {
      List<Token> retro = rec.hasRRetro() ? rec.getRRetro().getTokensList() : List.of();
      persist(TxState.ABORTED, reason, TokenBatch.restore(retro), true, () -> {
        cancelTimers();
        outcome(TxState.ABORTED, code, reason);
      });
    } else {
      transition(TxState.ABORTED, reason);
      cancelTimers();
      outcome(TxState.ABORTED, code, reason);
    }
  }

  /** Refuses the proposal: nothing was locked, nothing is written. */
  private void refuse(ErrorCode code, String reason) {
    rejectReason = reason.isEmpty() ? "refused" : reason;
    reviewing = false;
    abortWith(code, "rejected: " + rejectReason);
    sendReject();
  }

  @Override
  void onSignFailed(String purpose, String reason) {
    rejectReason = "change not signed";
    if (abortAlone(ErrorCode.UNAVAILABLE, rejectReason + ": " + reason)) {
      sendReject();
    }
  }

  @Override
  void onTimer(TimerKind kind) {
    if (kind == TimerKind.DEADLINE) {
      if (!decided() && !preparationSent) {
        rejectReason = "not prepared by the deadline";
        abortAlone(ErrorCode.TIMEOUT, rejectReason);
      } else if (!decided()) {
        retry();
      }
      return;
    }
    if ((state() == TxState.PREPARED || state() == TxState.IN_DOUBT) && preparationSent) {
      retry();
    }
  }

  /** Before the deadline the payer may still commit: send the Preparation again; after it, ask. */
  private void retry() {
    if (now() < rec.getDeadlineMs() && state() == TxState.PREPARED) {
      sendPreparation();
    } else {
      if (state() != TxState.IN_DOUBT) {
        persist(TxState.IN_DOUBT, "no decision from the payer by the deadline", TokenBatch.NONE, false);
        outcome(TxState.IN_DOUBT, ErrorCode.UNAVAILABLE, "waiting for the payer's decision");
      }
      Packet rExo = rec.hasRExo() ? rec.getRExo() : null;
      send(message().setQuery(DecisionQuery.newBuilder().setPayerKey(plan().getPayerKey())
        .setSExoHash(ByteString.copyFrom(Certificates.packetHash(rec.getSExo())))
        .setRExoHash(ByteString.copyFrom(Certificates.packetHash(rExo)))));
    }
    scheduleRetry();
  }

  @Override
  void onPersistFailed(TxState failedState, String reason) {
    if (failedState == TxState.PREPARED) {
      locked = false; // the write was atomic: nothing was locked
      rejectReason = "change could not be locked";
      if (abortAlone(ErrorCode.CONFLICT, rejectReason + ": " + reason)) {
        sendReject();
      }
    } else if (failedState != TxState.IN_DOUBT) {
      fail("the " + failedState + " record could not be written: " + reason);
    }
  }

  private void sendAccept() {
    send(message().setAccept(Accept.newBuilder().setPayeeVectorClock(ByteString.copyFrom(vectorClock))));
  }

  private void sendReject() {
    send(message().setReject(Reject.newBuilder().setReason(rejectReason)));
  }

  private void sendPreparation() {
    Preparation.Builder p = Preparation.newBuilder();
    if (durable.hasRExo()) {
      p.setRExo(durable.getRExo());
    }
    send(message().setPreparation(p));
  }

  private void sendFinalization() {
    send(message().setFinalization(Finalization.newBuilder()));
  }
}
