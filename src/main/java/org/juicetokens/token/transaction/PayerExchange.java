package org.juicetokens.token.transaction;

import com.google.protobuf.ByteString;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TelomereLinkSigned;
import org.juicetokens.token.telomere.Telomeres;
import org.juicetokens.token.transaction.proto.Certificate;
import org.juicetokens.token.transaction.proto.CertificateBody;
import org.juicetokens.token.transaction.proto.Commitment;
import org.juicetokens.token.transaction.proto.Decision;
import org.juicetokens.token.transaction.proto.DecisionQuery;
import org.juicetokens.token.transaction.proto.Initiation;
import org.juicetokens.token.transaction.proto.Packet;
import org.juicetokens.token.transaction.proto.PacketKind;
import org.juicetokens.token.transaction.proto.Propose;
import org.juicetokens.token.transaction.proto.TxDecision;
import org.juicetokens.token.transaction.proto.TxMessage;
import org.juicetokens.token.transaction.proto.TxPlan;
import org.juicetokens.token.transaction.proto.TxRecord;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The payer's side, the coordinator (PROTOCOL.md §Transactions). INITIATED (Propose sent) →
 * PREPARING (links being signed) → PREPARED (tokens locked, sRetro durable, Initiation sent) →
 * COMMITTING (time gate passed, commit certificate being signed) → COMMITTED (durable with the
 * certificate: the commit point; then Commitment is sent). Any undecided state → ABORTING (abort
 * certificate being signed) → ABORTED (durable with it, tokens restored from sRetro; then Decision
 * is sent). Only this class makes certificates, and only from an undecided state that it leaves for
 * good, so one tx never gets both.
 */
final class PayerExchange extends Exchange {
  static final String LINK = "link:";
  static final String COMMIT_CERT = "commit-certificate";
  static final String ABORT_CERT = "abort-certificate";

  private final PacketVerifier verifier;
  private final BooleanSupplier timeAdequate;
  private final Map<String, TelomereLinkSigned> linksToSign = new LinkedHashMap<>();
  private final Map<String, byte[]> linkSignatures = new LinkedHashMap<>();
  /** PREPARED was written (or is being written): the plan's tokens are locked. */
  private boolean locked;
  private CertificateBody pendingBody;
  private ErrorCode abortCode = ErrorCode.INTERNAL;
  private String abortReason = "";

  PayerExchange(String txId, ExchangeSettings settings, LongSupplier clock, String selfNode, PacketVerifier verifier,
                BooleanSupplier timeAdequate) {
    super(new ExchangeId(txId, TxRole.PAYER), settings, clock, selfNode);
    this.verifier = verifier;
    this.timeAdequate = timeAdequate;
  }

  /** Proposes {@code plan} (already validated, deadline set). */
  List<TxEffect> start(TxPlan plan) {
    List<TxEffect> effects = begin();
    rec = TxRecord.newBuilder().setTxId(id.txId()).setRole(TxRole.PAYER).setPlan(plan).setDeadlineMs(plan.getDeadlineMs());
    transition(TxState.INITIATED, "proposed");
    sendPropose();
    setTimer(TimerKind.DEADLINE, plan.getDeadlineMs());
    scheduleRetry();
    return effects;
  }

  /** A payer with no record asked by a prepared payee: presumed abort (record ABORTED, then answer). */
  List<TxEffect> presumeAbort(TxMessage query) {
    List<TxEffect> effects = begin();
    DecisionQuery q = query.getQuery();
    TxPlan plan = TxPlan.newBuilder().setPayerKey(q.getPayerKey()).setPayerNode(selfNode)
      .setPayeeKey(query.getSenderKey()).setPayeeNode(query.getSenderNode()).build();
    rec = TxRecord.newBuilder().setTxId(id.txId()).setRole(TxRole.PAYER).setPlan(plan)
      .setSExoHash(q.getSExoHash()).setRExoHash(q.getRExoHash());
    abort(ErrorCode.TIMEOUT, "presumed abort: no record of this tx");
    return effects;
  }

  /** Effects that finish what {@code record} left: re-send the decision, or abort what the deadline passed. */
  List<TxEffect> resume(TxRecord record) {
    List<TxEffect> effects = begin();
    resumeFrom(record);
    switch (record.getState()) {
      case PREPARED -> {
        locked = true;
        if (now() >= record.getDeadlineMs()) {
          abort(ErrorCode.TIMEOUT, "resumed past the deadline");
        } else {
          sendInitiation();
          setTimer(TimerKind.DEADLINE, record.getDeadlineMs());
          scheduleRetry();
        }
      }
      case COMMITTED -> {
        if (!record.getFinalized()) {
          sendDecision();
          scheduleRetry();
        }
      }
      default -> {
        // ABORTED: nothing left to do but answer; nothing else is ever written by a payer
      }
    }
    return effects;
  }

  @Override
  String peerNode() {
    return plan().getPayeeNode();
  }

  @Override
  ByteString selfKey() {
    return plan().getPayerKey();
  }

  @Override
  void onMessage(TxMessage m) {
    switch (m.getBodyCase()) {
      case ACCEPT -> onAccept();
      case REJECT -> {
        if (state() == TxState.INITIATED || state() == TxState.PREPARING || state() == TxState.PREPARED) {
          abort(ErrorCode.CONFLICT, "rejected by the payee: " + m.getReject().getReason() + " " + m.getReject().getDetail());
        } else {
          answerFromLog("a reject in " + state());
        }
      }
      case PREPARATION -> onPreparation(m);
      case FINALIZATION -> {
        if (durablyIn(TxState.COMMITTED) && !rec.getFinalized()) {
          rec.setFinalized(true);
          persist(TxState.COMMITTED, "finalized by the payee", TokenBatch.NONE, false);
          out.add(new TxEffect.CancelTimer(id, TimerKind.RETRY));
        } else {
          ignore("finalization in " + state());
        }
      }
      case QUERY -> {
        if (!answerFromLog("a query") && now() >= rec.getDeadlineMs() && !decided() && state() != TxState.ABORTING) {
          abort(ErrorCode.TIMEOUT, "not committed by the deadline");
        }
      }
      default -> ignore("a payer does not take " + m.getBodyCase());
    }
  }

  private void onAccept() {
    if (state() != TxState.INITIATED) {
      if (!answerFromLog("an accept")) {
        ignore("accept in " + state());
      }
      return;
    }
    transition(TxState.PREPARING, "accepted; signing links");
    out.add(new TxEffect.CancelTimer(id, TimerKind.RETRY));
    resetRetry();
    for (Token token : plan().getTokensList()) {
      TelomereLinkSigned link = Telomeres.linkToSign(token.getId(), token.getTelomere(), plan().getPayeeKey().toByteArray(), id.txId(), now());
      linksToSign.put(token.getId(), link);
      requestSignature(link.toByteArray(), LINK + token.getId());
    }
  }

  private void onPreparation(TxMessage m) {
    if (state() != TxState.PREPARED || !durablyIn(TxState.PREPARED)) {
      if (!answerFromLog("a preparation")) {
        ignore("preparation in " + state());
      }
      return;
    }
    Packet rExo = m.getPreparation().getRExo().getTokensCount() > 0 ? m.getPreparation().getRExo() : null;
    String problem = Packets.problem(rExo, PacketKind.R_EXO, id.txId(), plan().getChangeUnits());
    if (problem == null && rExo != null) {
      problem = verifier.problem(rExo, id.txId(), plan().getPayeeKey().toByteArray(), plan().getPayerKey().toByteArray());
    }
    if (problem != null) {
      abort(ErrorCode.INVALID_ARGUMENT, "bad change from the payee: " + problem);
      return;
    }
    if (!timeAdequate.getAsBoolean()) {
      abort(ErrorCode.TIME_INADEQUATE, "time status INADEQUATE at commit");
      return;
    }
    if (rExo != null) {
      rec.setRExo(rExo);
    }
    transition(TxState.COMMITTING, "prepared by the payee; signing the commit certificate");
    pendingBody = Certificates.body(id.txId(), TxDecision.COMMIT, rec.getSExo(), rExo, now());
    requestSignature(Certificates.signedBytes(pendingBody), COMMIT_CERT);
  }

  @Override
  void onSigned(String purpose, byte[] signature) {
    if (purpose.startsWith(LINK) && state() == TxState.PREPARING) {
      linkSignatures.put(purpose.substring(LINK.length()), signature);
      if (linkSignatures.size() == linksToSign.size()) {
        prepare();
      }
    } else if (purpose.equals(COMMIT_CERT) && state() == TxState.COMMITTING) {
      commit(signature);
    } else if (purpose.equals(ABORT_CERT) && state() == TxState.ABORTING) {
      Certificate certificate = Certificates.of(pendingBody, selfKey().toByteArray(), signature);
      Certificates.Verdict verdict = Certificates.verify(certificate, selfKey().toByteArray(), id.txId());
      if (!verdict.valid()) {
        rec.setLastError("abort certificate signature refused: " + verdict.problem());
        requestSignature(Certificates.signedBytes(pendingBody), ABORT_CERT);
        return;
      }
      rec.setCertificate(certificate);
      TokenBatch batch = locked ? TokenBatch.restore(rec.getSRetro().getTokensList()) : TokenBatch.NONE;
      persist(TxState.ABORTED, abortReason, batch, true, () -> {
        sendDecision();
        cancelTimers();
        outcome(TxState.ABORTED, abortCode, abortReason);
      });
    } else {
      ignore("signature of " + purpose + " in " + state());
    }
  }

  private void prepare() {
    List<Token> exo = new ArrayList<>();
    List<Token> retro = new ArrayList<>();
    try {
      for (Token token : plan().getTokensList()) {
        TelomereLinkSigned link = linksToSign.get(token.getId());
        Token moved = token.toBuilder()
          .setTelomere(Telomeres.append(token.getTelomere(), link, selfKey().toByteArray(), linkSignatures.get(token.getId()), settings.tailLinks()))
          .build();
        exo.add(inTransit(moved, plan().getPayeeId(), id.txId()));
        retro.add(token);
      }
    } catch (JuiceException e) {
      abort(e.code(), "a link could not be made: " + e.getMessage());
      return;
    }
    rec.setSExo(Packet.newBuilder().setTxId(id.txId()).setKind(PacketKind.S_EXO).addAllTokens(exo))
      .setSRetro(Packet.newBuilder().setTxId(id.txId()).setKind(PacketKind.S_RETRO).addAllTokens(retro));
    locked = true;
    List<String> ids = retro.stream().map(Token::getId).toList();
    persist(TxState.PREPARED, "tokens locked, sRetro written", TokenBatch.lock(ids), true, () -> {
      sendInitiation();
      scheduleRetry();
    });
  }

  private void commit(byte[] signature) {
    Certificate certificate = Certificates.of(pendingBody, selfKey().toByteArray(), signature);
    Packet rExo = rec.hasRExo() ? rec.getRExo() : null;
    Certificates.Verdict verdict = Certificates.verifyCommit(certificate, selfKey().toByteArray(), id.txId(), rec.getSExo(), rExo);
    if (!verdict.valid()) {
      abort(ErrorCode.UNAUTHENTICATED, "the commit certificate's signature was refused: " + verdict.problem());
    } else if (now() >= rec.getDeadlineMs()) {
      abort(ErrorCode.TIMEOUT, "not committed by the deadline");
    } else if (!timeAdequate.getAsBoolean()) {
      abort(ErrorCode.TIME_INADEQUATE, "time status INADEQUATE at commit");
    } else {
      rec.setCertificate(certificate);
      List<String> gone = plan().getTokensList().stream().map(Token::getId).toList();
      List<Token> change = rExo == null ? List.of() : rExo.getTokensList().stream().map(t -> owned(t, plan().getPayerId())).toList();
      TokenBatch batch = new TokenBatch(List.of(), gone, change, -plan().getHundredthsToPayee());
      persist(TxState.COMMITTED, "committed", batch, true, () -> {
        sendDecision();
        out.add(new TxEffect.CancelTimer(id, TimerKind.DEADLINE));
        resetRetry();
        scheduleRetry();
        outcome(TxState.COMMITTED, null, "");
      });
    }
  }

  @Override
  void onSignFailed(String purpose, String reason) {
    if (state() == TxState.ABORTING) {
      rec.setLastError("abort certificate not signed: " + reason);
      scheduleRetry();
    } else if (!decided()) {
      abort(ErrorCode.UNAVAILABLE, "signing failed: " + reason);
    }
  }

  @Override
  void onTimer(TimerKind kind) {
    if (kind == TimerKind.DEADLINE) {
      if (!decided() && state() != TxState.ABORTING) {
        abort(ErrorCode.TIMEOUT, "not committed by the deadline");
      }
      return;
    }
    switch (state()) {
      case INITIATED -> {
        sendPropose();
        scheduleRetry();
      }
      case PREPARED -> {
        if (durablyIn(TxState.PREPARED)) {
          sendInitiation();
        }
        scheduleRetry();
      }
      case COMMITTED -> {
        if (durablyIn(TxState.COMMITTED) && !rec.getFinalized()) {
          sendDecision();
          scheduleRetry();
        }
      }
      case ABORTING -> {
        if (!requested.containsKey(ABORT_CERT)) {
          requestSignature(Certificates.signedBytes(pendingBody), ABORT_CERT);
        }
      }
      default -> {
        // nothing to re-send
      }
    }
  }

  @Override
  void onPersistFailed(TxState failedState, String reason) {
    if (failedState == TxState.PREPARED && !decided() && state() != TxState.ABORTING) {
      locked = false; // the write was atomic: nothing was locked
      abort(ErrorCode.CONFLICT, "tokens could not be locked: " + reason);
    } else if (failedState == TxState.PREPARED) {
      locked = false;
    } else if (!(failedState == TxState.COMMITTED && durablyIn(TxState.COMMITTED))) {
      fail("the " + failedState + " record could not be written: " + reason);
    }
  }

  /** Decides ABORT (unless decided): forgets pending sends and signatures, has the abort certificate signed. */
  private void abort(ErrorCode code, String reason) {
    if (decided() || state() == TxState.ABORTING) {
      return;
    }
    dropWaitingEffects();
    requested.clear();
    abortCode = code;
    abortReason = reason;
    rec.setLastError(reason);
    transition(TxState.ABORTING, reason);
    if (rec.hasSExo()) {
      pendingBody = Certificates.body(id.txId(), TxDecision.ABORT, rec.getSExo(), rec.hasRExo() ? rec.getRExo() : null, now());
    } else {
      pendingBody = CertificateBody.newBuilder().setTxId(id.txId()).setDecision(TxDecision.ABORT)
        .setSExoHash(rec.getSExoHash().isEmpty() ? ByteString.copyFrom(Certificates.packetHash(null)) : rec.getSExoHash())
        .setRExoHash(rec.getRExoHash().isEmpty() ? ByteString.copyFrom(Certificates.packetHash(null)) : rec.getRExoHash())
        .setTimestampMs(now()).build();
    }
    requestSignature(Certificates.signedBytes(pendingBody), ABORT_CERT);
  }

  /** Answers {@code what} from the durable log: a decided payer sends its certificate. False when undecided. */
  private boolean answerFromLog(String what) {
    if (durable != null && durable.hasCertificate()
      && (durable.getState() == TxState.COMMITTED || durable.getState() == TxState.ABORTED)) {
      send(message().setDecision(Decision.newBuilder().setCertificate(durable.getCertificate())));
      return true;
    }
    return false;
  }

  private void sendPropose() {
    TxPlan proposal = plan().toBuilder().clearTokens().build();
    send(message().setPropose(Propose.newBuilder().setPlan(proposal)));
  }

  private void sendInitiation() {
    send(message().setInitiation(Initiation.newBuilder().setSExo(durable.getSExo())));
  }

  /** Commitment for a durable commit, Decision for a durable abort. */
  private void sendDecision() {
    if (durable.getState() == TxState.COMMITTED) {
      send(message().setCommitment(Commitment.newBuilder().setCertificate(durable.getCertificate())));
    } else {
      send(message().setDecision(Decision.newBuilder().setCertificate(durable.getCertificate())));
    }
  }
}
