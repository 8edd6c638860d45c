package org.juicetokens.token.transaction;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.crypto.Hashes;
import org.juicetokens.token.transaction.proto.Certificate;
import org.juicetokens.token.transaction.proto.CertificateBody;
import org.juicetokens.token.transaction.proto.Packet;
import org.juicetokens.token.transaction.proto.TxDecision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Commit and abort certificates (PROTOCOL.md §Transactions): the payer's signature over (tx id,
 * COMMIT|ABORT, hash of sExo, hash of rExo, timestamp). Pure and thread-safe. Signing is two steps
 * because the payer's key is custodial (its home node signs over the event bus): build the body,
 * have {@link #signedBytes} signed, then {@link #of} assembles the certificate. The signed bytes are
 * prefixed with a domain label, so a certificate signature can never stand for any other message
 * the identity signs.
 */
public final class Certificates {
  private static final byte[] DOMAIN = "jt.tx.certificate\n".getBytes(StandardCharsets.US_ASCII);

  private Certificates() {
  }

  /** Why a certificate was not accepted (bounded: also a metric label). */
  public enum Problem { NONE, MALFORMED, BAD_SIGNATURE, WRONG_SIGNER, WRONG_TX, WRONG_DECISION, PACKET_MISMATCH }

  /** The outcome of checking a certificate; {@code body} is set when it could be decoded. */
  public record Verdict(Problem problem, String detail, CertificateBody body) {
    public boolean valid() {
      return problem == Problem.NONE;
    }
  }

  /** SHA-256 of a packet's bytes; an absent packet (no change) is SHA-256 of nothing. */
  public static byte[] packetHash(Packet packet) {
    return packet == null ? Hashes.sha256() : Hashes.sha256(packet.toByteArray());
  }

  public static CertificateBody body(String txId, TxDecision decision, Packet sExo, Packet rExo, long timestampMs) {
    if (txId == null || txId.isEmpty()) {
      throw new IllegalArgumentException("a certificate needs a tx id");
    }
    if (decision != TxDecision.COMMIT && decision != TxDecision.ABORT) {
      throw new IllegalArgumentException("a certificate decides COMMIT or ABORT, not " + decision);
    }
    return CertificateBody.newBuilder()
      .setTxId(txId)
      .setDecision(decision)
      .setSExoHash(ByteString.copyFrom(packetHash(sExo)))
      .setRExoHash(ByteString.copyFrom(packetHash(rExo)))
      .setTimestampMs(timestampMs)
      .build();
  }

  /** The bytes the payer signs for {@code body}. */
  public static byte[] signedBytes(CertificateBody body) {
    byte[] encoded = body.toByteArray();
    byte[] out = new byte[DOMAIN.length + encoded.length];
    System.arraycopy(DOMAIN, 0, out, 0, DOMAIN.length);
    System.arraycopy(encoded, 0, out, DOMAIN.length, encoded.length);
    return out;
  }

  /** The certificate of {@code body} signed by {@code signerKey}. */
  public static Certificate of(CertificateBody body, byte[] signerKey, byte[] signature) {
    return Certificate.newBuilder()
      .setBody(body.toByteString())
      .setSignerKey(ByteString.copyFrom(signerKey))
      .setSignature(ByteString.copyFrom(signature))
      .build();
  }

  /** Signs with a key held in memory (the payer's home node after IDENTITY_SIGN, tests, benchmarks). */
  public static Certificate sign(CertificateBody body, Ed25519.PrivateKey key) {
    return of(body, key.publicKey(), key.sign(signedBytes(body)));
  }

  /** Checks the signature and that the certificate is the payer's, of {@code txId}; the decision is in the verdict's body. */
  public static Verdict verify(Certificate certificate, byte[] payerKey, String txId) {
    CertificateBody body;
    try {
      body = CertificateBody.parseFrom(certificate.getBody());
    } catch (InvalidProtocolBufferException e) {
      return new Verdict(Problem.MALFORMED, "undecodable certificate body", null);
    }
    if (body.getDecision() != TxDecision.COMMIT && body.getDecision() != TxDecision.ABORT) {
      return new Verdict(Problem.MALFORMED, "no decision", body);
    }
    if (!MessageDigest.isEqual(certificate.getSignerKey().toByteArray(), payerKey)) {
      return new Verdict(Problem.WRONG_SIGNER, "signed by another key than the payer's", body);
    }
    if (!Ed25519.verify(payerKey, signedBytes(body), certificate.getSignature().toByteArray())) {
      return new Verdict(Problem.BAD_SIGNATURE, "the signature does not match the body", body);
    }
    if (!body.getTxId().equals(txId)) {
      return new Verdict(Problem.WRONG_TX, "certificate of " + body.getTxId() + ", not " + txId, body);
    }
    return new Verdict(Problem.NONE, "", body);
  }

  /** {@link #verify} plus: it decides COMMIT and commits to exactly these packets. */
  public static Verdict verifyCommit(Certificate certificate, byte[] payerKey, String txId, Packet sExo, Packet rExo) {
    Verdict verdict = verify(certificate, payerKey, txId);
    if (!verdict.valid()) {
      return verdict;
    }
    if (verdict.body().getDecision() != TxDecision.COMMIT) {
      return new Verdict(Problem.WRONG_DECISION, "an abort certificate", verdict.body());
    }
    if (!MessageDigest.isEqual(verdict.body().getSExoHash().toByteArray(), packetHash(sExo))
      || !MessageDigest.isEqual(verdict.body().getRExoHash().toByteArray(), packetHash(rExo))) {
      return new Verdict(Problem.PACKET_MISMATCH, "the certificate commits to other packets", verdict.body());
    }
    return verdict;
  }
}
