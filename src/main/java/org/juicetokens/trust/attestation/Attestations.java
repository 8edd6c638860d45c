package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.trust.attestation.proto.AttestationRecord;
import org.juicetokens.trust.attestation.proto.AttestationRevocation;
import org.juicetokens.trust.attestation.proto.PeerAttestation;
import org.juicetokens.trust.attestation.proto.SignedAttestation;
import org.juicetokens.trust.attestation.proto.SignedRevocation;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * The rules of peer attestations, pure: the domain-separated bytes an attester signs, and the
 * verification on read with a reason naming the case. A signature is checked against the
 * public keys the attester's identity document lists (the key that was active when it signed
 * stays valid after a rotation; a forged key is in no document).
 */
public final class Attestations {
  private Attestations() {
  }

  /** Prefixes that keep an attestation signature from being replayed as any other signed thing. */
  static final String ATTESTATION_DOMAIN = "juicetokens/attestation/v1\0";
  static final String REVOCATION_DOMAIN = "juicetokens/attestation-revocation/v1\0";
  public static final int MAX_STRENGTH = 100;

  public static final String MALFORMED = "malformed";
  public static final String BAD_SIGNATURE = "bad signature";
  public static final String UNKNOWN_ATTESTER = "unknown attester";
  public static final String SELF_ATTESTATION = "self-attestation";
  public static final String UNKNOWN_SUBJECT = "unknown subject";
  public static final String STRENGTH_OUT_OF_RANGE = "strength out of range";
  public static final String REVOKED = "revoked";
  public static final String EXPIRED = "expired";
  public static final String NOT_YET_VALID = "not yet valid";

  public static byte[] signedBytes(ByteString attestation) {
    return prefixed(ATTESTATION_DOMAIN, attestation);
  }

  public static byte[] revocationSignedBytes(ByteString revocation) {
    return prefixed(REVOCATION_DOMAIN, revocation);
  }

  static byte[] prefixed(String domain, ByteString body) {
    return ByteString.copyFrom(domain, StandardCharsets.UTF_8).concat(body).toByteArray();
  }

  /** What a verifier knows about the two identities on this read. {@code attesterKeys} null = attester unknown. */
  public record Context(Collection<ByteString> attesterKeys, boolean subjectKnown, long nowMs) {
  }

  /** The verdict; {@code attestation} is null only when the record does not decode. */
  public record Verdict(PeerAttestation attestation, String reason, boolean revoked) {
    public boolean valid() {
      return reason.isEmpty();
    }
  }

  /** Decodes the attestation of a record, null when it does not decode. */
  public static PeerAttestation decode(AttestationRecord record) {
    try {
      return PeerAttestation.parseFrom(record.getAttestation().getAttestation());
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  /** Structural checks and both signatures against the keys the record itself carries (the DHT verifier's part). */
  public static String checkSignatures(AttestationRecord record, PeerAttestation attestation) {
    SignedAttestation signed = record.getAttestation();
    if (!Ed25519.verify(signed.getPublicKey().toByteArray(), signedBytes(signed.getAttestation()), signed.getSignature().toByteArray())) {
      return BAD_SIGNATURE;
    }
    if (record.hasRevocation()) {
      AttestationRevocation revocation = decodeRevocation(record.getRevocation());
      if (revocation == null || !revocation.getAttestationId().equals(attestation.getId())
        || !revocation.getAttesterId().equals(attestation.getAttesterId())) {
        return MALFORMED;
      }
      SignedRevocation rs = record.getRevocation();
      if (!Ed25519.verify(rs.getPublicKey().toByteArray(), revocationSignedBytes(rs.getRevocation()), rs.getSignature().toByteArray())) {
        return BAD_SIGNATURE;
      }
    }
    return "";
  }

  static AttestationRevocation decodeRevocation(SignedRevocation signed) {
    try {
      return AttestationRevocation.parseFrom(signed.getRevocation());
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  /** The full verification on read: first failing rule wins, in the order of the reasons above. */
  public static Verdict verify(AttestationRecord record, Context context) {
    PeerAttestation attestation = decode(record);
    if (attestation == null || attestation.getId().isEmpty()) {
      return new Verdict(attestation, MALFORMED, false);
    }
    boolean revoked = record.hasRevocation();
    String signatures = checkSignatures(record, attestation);
    if (!signatures.isEmpty()) {
      return new Verdict(attestation, signatures, revoked);
    }
    if (context.attesterKeys() == null) {
      return new Verdict(attestation, UNKNOWN_ATTESTER, revoked);
    }
    if (!context.attesterKeys().contains(record.getAttestation().getPublicKey())
      || revoked && !context.attesterKeys().contains(record.getRevocation().getPublicKey())) {
      return new Verdict(attestation, BAD_SIGNATURE, revoked);
    }
    return new Verdict(attestation, rules(attestation, context.subjectKnown(), revoked, context.nowMs()), revoked);
  }

  /** The rules on the content alone (also checked before signing a new one). */
  public static String rules(PeerAttestation a, boolean subjectKnown, boolean revoked, long nowMs) {
    if (a.getAttesterId().equals(a.getSubjectId())) {
      return SELF_ATTESTATION;
    }
    if (!subjectKnown) {
      return UNKNOWN_SUBJECT;
    }
    if (a.getStrength() < 0 || a.getStrength() > MAX_STRENGTH) {
      return STRENGTH_OUT_OF_RANGE;
    }
    if (revoked) {
      return REVOKED;
    }
    if (a.getValidUntilMs() != 0 && nowMs >= a.getValidUntilMs()) {
      return EXPIRED;
    }
    if (nowMs < a.getValidFromMs()) {
      return NOT_YET_VALID;
    }
    return "";
  }
}
