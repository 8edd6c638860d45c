package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.token.transaction.Certificates;
import org.juicetokens.token.transaction.proto.SystemAttestation;
import org.juicetokens.token.transaction.proto.TxDecision;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.trust.attestation.proto.SignedSystemAttestation;

import java.util.Collection;
import java.util.function.Function;

/**
 * The rules of system attestations (a node's statement that one side of an exchange committed),
 * pure: the domain-separated bytes a node signs, and the verification on read with a reason naming
 * the case. The commit certificate is the payer's signature (token/transaction/Certificates): it is
 * checked against the payer's identity document keys for the attested tx, whichever side the
 * subject is, so a node cannot attest an exchange the payer never committed.
 */
public final class SystemAttestations {
  private SystemAttestations() {
  }

  static final String DOMAIN = "juicetokens/system-attestation/v1\0";

  public static final String MALFORMED = "malformed";
  public static final String BAD_SIGNATURE = "bad signature";
  public static final String UNKNOWN_NODE_KEY = "unknown node key";
  public static final String UNKNOWN_SUBJECT = "unknown subject";
  public static final String NOT_A_PARTY = "not a party";
  public static final String UNKNOWN_PAYER = "unknown payer";
  public static final String BAD_CERTIFICATE = "bad certificate";

  public static byte[] signedBytes(ByteString attestation) {
    return Attestations.prefixed(DOMAIN, attestation);
  }

  /** The DHT key (and list id) of one side's attestation. */
  public static String id(String txId, String identityId) {
    return txId + "/" + identityId;
  }

  /** Signs {@code attestation} as the node {@code nodeId} with {@code publicKey} (the signing itself stays in NodeKey). */
  public static SignedSystemAttestation sign(SystemAttestation attestation, String nodeId, byte[] publicKey,
                                             Function<byte[], byte[]> signer) {
    ByteString bytes = attestation.toByteString();
    return SignedSystemAttestation.newBuilder().setAttestation(bytes).setNodeId(nodeId).setNodePublicKey(ByteString.copyFrom(publicKey))
      .setSignature(ByteString.copyFrom(signer.apply(signedBytes(bytes)))).build();
  }

  /**
   * What a verifier knows on this read. {@code nodeKeys}: the keys registered for the signing node
   * (null = no registration); {@code payerKeys}: the payer's identity document keys (null = unknown payer).
   */
  public record Context(Collection<ByteString> nodeKeys, boolean subjectKnown, Collection<ByteString> payerKeys) {
  }

  /** The verdict; {@code attestation} is null only when the record does not decode. */
  public record Verdict(SystemAttestation attestation, String reason) {
    public boolean valid() {
      return reason.isEmpty();
    }
  }

  public static SystemAttestation decode(SignedSystemAttestation record) {
    try {
      return SystemAttestation.parseFrom(record.getAttestation());
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  /** Structure and the node's signature by the key the record names (the DHT entry verifier's part); "" when fine. */
  public static String checkSignature(SignedSystemAttestation record, SystemAttestation a) {
    if (a == null || a.getTxId().isEmpty() || a.getIdentityId().isEmpty() || a.getPayerId().isEmpty() || a.getPayeeId().isEmpty()
      || !a.getNodeId().equals(record.getNodeId())) {
      return MALFORMED;
    }
    boolean signed = Ed25519.verify(record.getNodePublicKey().toByteArray(), signedBytes(record.getAttestation()),
      record.getSignature().toByteArray());
    return signed ? "" : BAD_SIGNATURE;
  }

  /** The full verification on read; {@code expectedId} is the id it was found under. First failing rule wins. */
  public static Verdict verify(SignedSystemAttestation record, String expectedId, Context context) {
    SystemAttestation a = decode(record);
    String structural = checkSignature(record, a);
    if (!structural.isEmpty()) {
      return new Verdict(a, structural);
    }
    if (!id(a.getTxId(), a.getIdentityId()).equals(expectedId)) {
      return new Verdict(a, MALFORMED);
    }
    if (context.nodeKeys() == null || !context.nodeKeys().contains(record.getNodePublicKey())) {
      return new Verdict(a, UNKNOWN_NODE_KEY);
    }
    if (!context.subjectKnown()) {
      return new Verdict(a, UNKNOWN_SUBJECT);
    }
    String party = a.getRole() == TxRole.PAYER ? a.getPayerId() : a.getRole() == TxRole.PAYEE ? a.getPayeeId() : "";
    if (!a.getIdentityId().equals(party)) {
      return new Verdict(a, NOT_A_PARTY);
    }
    if (context.payerKeys() == null) {
      return new Verdict(a, UNKNOWN_PAYER);
    }
    ByteString signer = a.getCertificate().getSignerKey();
    if (!context.payerKeys().contains(signer)) {
      return new Verdict(a, BAD_CERTIFICATE);
    }
    Certificates.Verdict certificate = Certificates.verify(a.getCertificate(), signer.toByteArray(), a.getTxId());
    boolean committed = certificate.valid() && certificate.body().getDecision() == TxDecision.COMMIT;
    return new Verdict(a, committed ? "" : BAD_CERTIFICATE);
  }
}
