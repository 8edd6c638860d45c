package org.juicetokens.trust.identity;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.crypto.Hex;
import org.juicetokens.trust.identity.proto.IdentityDocument;
import org.juicetokens.trust.identity.proto.IdentityKey;
import org.juicetokens.trust.identity.proto.IdentityStatus;
import org.juicetokens.trust.identity.proto.KeyEndorsement;
import org.juicetokens.trust.identity.proto.SignedIdentityDocument;

import java.util.Arrays;

/**
 * Identity documents (PROTOCOL.md §Identities): creation (sequence 1, signed by keys[0]),
 * rotation (a new key endorsed by the old one, sequence + 1, signed by the old key), revocation
 * (sequence + 1, status REVOKED, signed by the active key) and verification. Rules beyond the
 * protocol text: the active key is always the newest one (keys only ever move forward), and the
 * signer of a document is the key active before it (= the active key, except in the rotation
 * that introduced the active key, where it is the one before). Pure and thread-safe.
 */
public final class IdentityDocuments {

  private IdentityDocuments() {
  }

  /** A document with the exact signed form published for it. */
  public record Signed(IdentityDocument document, SignedIdentityDocument signed) {
    public String id() {
      return document.getId();
    }

    public byte[] activePublicKey() {
      return document.getKeys(document.getActiveKey()).getPublicKey().toByteArray();
    }
  }

  /** A new identity of {@code key}: sequence 1, ACTIVE, homed on {@code homeNode}. */
  public static Signed create(Ed25519.PrivateKey key, String displayName, String homeNode, long nowMs) {
    byte[] publicKey = key.publicKey();
    IdentityDocument document = IdentityDocument.newBuilder()
      .setId(IdentityIds.derive(publicKey))
      .setDisplayName(displayName)
      .addKeys(IdentityKey.newBuilder().setPublicKey(ByteString.copyFrom(publicKey)).setAddedSequence(1).setAddedAtMs(nowMs))
      .setActiveKey(0)
      .setHomeNode(homeNode)
      .setCreatedAtMs(nowMs)
      .setSequence(1)
      .setStatus(IdentityStatus.ACTIVE)
      .setUpdatedAtMs(nowMs)
      .build();
    return sign(document, 0, key);
  }

  /** The successor of {@code current} whose active key is {@code newKey}, endorsed and signed by {@code currentKey}. */
  public static Signed rotate(IdentityDocument current, Ed25519.PrivateKey currentKey, Ed25519.PrivateKey newKey, long nowMs) {
    requireUpdatable(current, currentKey);
    long sequence = current.getSequence() + 1;
    byte[] newPublic = newKey.publicKey();
    IdentityKey added = IdentityKey.newBuilder()
      .setPublicKey(ByteString.copyFrom(newPublic))
      .setAddedSequence(sequence)
      .setAddedAtMs(nowMs)
      .setEndorsement(ByteString.copyFrom(currentKey.sign(endorsementBytes(current.getId(), newPublic, sequence))))
      .build();
    IdentityDocument next = current.toBuilder()
      .addKeys(added)
      .setActiveKey(current.getKeysCount())
      .setSequence(sequence)
      .setUpdatedAtMs(nowMs)
      .build();
    return sign(next, current.getActiveKey(), currentKey);
  }

  /** The successor of {@code current} with status REVOKED, signed by its active key. */
  public static Signed revoke(IdentityDocument current, Ed25519.PrivateKey activeKey, long nowMs) {
    requireUpdatable(current, activeKey);
    IdentityDocument next = current.toBuilder()
      .setStatus(IdentityStatus.REVOKED)
      .setSequence(current.getSequence() + 1)
      .setUpdatedAtMs(nowMs)
      .build();
    return sign(next, next.getActiveKey(), activeKey);
  }

  public static Signed sign(IdentityDocument document, int signerKey, Ed25519.PrivateKey key) {
    byte[] bytes = document.toByteArray();
    SignedIdentityDocument signed = SignedIdentityDocument.newBuilder()
      .setDocument(ByteString.copyFrom(bytes))
      .setSignerKey(signerKey)
      .setSignature(ByteString.copyFrom(key.sign(bytes)))
      .build();
    return new Signed(document, signed);
  }

  /** What the old key signs for a new one: the endorsement of a rotation. */
  public static byte[] endorsementBytes(String identityId, byte[] newPublicKey, long sequence) {
    return KeyEndorsement.newBuilder().setIdentityId(identityId).setNewPublicKey(ByteString.copyFrom(newPublicKey))
      .setSequence(sequence).build().toByteArray();
  }

  /** The key index that must have signed {@code document}: the key active before this version. */
  public static int expectedSigner(IdentityDocument document) {
    int active = document.getActiveKey();
    boolean introducedNow = active > 0 && document.getKeys(active).getAddedSequence() == document.getSequence();
    return introducedNow ? active - 1 : active;
  }

  /**
   * Checks a signed document on its own and, with {@code known} (a document of the same identity
   * seen before, or null), that it is not older and does not fork from it.
   */
  public static Verification verify(SignedIdentityDocument signed, IdentityDocument known) {
    IdentityDocument document;
    try {
      document = IdentityDocument.parseFrom(signed.getDocument());
    } catch (InvalidProtocolBufferException e) {
      return Verification.rejected(null, Rejection.MALFORMED, "the document does not decode");
    }
    String malformed = malformed(document);
    if (malformed != null) {
      return Verification.rejected(document, Rejection.MALFORMED, malformed);
    }
    if (!IdentityIds.derive(document.getKeys(0).getPublicKey().toByteArray()).equals(document.getId())) {
      return Verification.rejected(document, Rejection.ID_MISMATCH, "the id is not derived from keys[0]");
    }
    String chain = brokenChain(document);
    if (chain != null) {
      return Verification.rejected(document, Rejection.BROKEN_KEY_CHAIN, chain);
    }
    int expected = expectedSigner(document);
    if (signed.getSignerKey() != expected) {
      return Verification.rejected(document, Rejection.WRONG_SIGNER, "signed by key " + signed.getSignerKey()
        + ", but sequence " + document.getSequence() + " must be signed by key " + expected);
    }
    byte[] signerKey = document.getKeys(expected).getPublicKey().toByteArray();
    if (!Ed25519.verify(signerKey, signed.getDocument().toByteArray(), signed.getSignature().toByteArray())) {
      return Verification.rejected(document, Rejection.BAD_SIGNATURE, "the signature does not check under key " + expected
        + " (" + Hex.prefix(signerKey, 16) + ")");
    }
    return consistentWith(document, known);
  }

  /**
   * Only the comparison with {@code known} of a signed document already verified on its own by
   * {@link #verify} (by the DHT's IdentityEntryVerifier on the same read): not older, no fork.
   * Never call it on bytes that were not verified: it checks no signature.
   */
  static Verification againstKnown(SignedIdentityDocument verified, IdentityDocument known) {
    IdentityDocument document;
    try {
      document = IdentityDocument.parseFrom(verified.getDocument());
    } catch (InvalidProtocolBufferException e) {
      return Verification.rejected(null, Rejection.MALFORMED, "the document does not decode");
    }
    return consistentWith(document, known);
  }

  private static Verification consistentWith(IdentityDocument document, IdentityDocument known) {
    if (known != null && known.getId().equals(document.getId())) {
      if (document.getSequence() < known.getSequence()) {
        return Verification.rejected(document, Rejection.STALE_SEQUENCE, "sequence " + document.getSequence()
          + " is older than the known sequence " + known.getSequence());
      }
      if (!extendsKeys(document, known)) {
        return Verification.rejected(document, Rejection.BROKEN_KEY_CHAIN, "its keys fork from the known document (sequence "
          + known.getSequence() + ")");
      }
    }
    return Verification.valid(document);
  }

  private static String malformed(IdentityDocument d) {
    if (d.getKeysCount() == 0) {
      return "the document has no keys";
    }
    if (d.getSequence() < 1) {
      return "sequence " + d.getSequence() + " is below 1";
    }
    if (d.getStatus() != IdentityStatus.ACTIVE && d.getStatus() != IdentityStatus.SUSPENDED && d.getStatus() != IdentityStatus.REVOKED) {
      return "unknown status " + d.getStatusValue();
    }
    if (d.getActiveKey() != d.getKeysCount() - 1) {
      return "the active key " + d.getActiveKey() + " is not the newest key (" + (d.getKeysCount() - 1) + ")";
    }
    for (IdentityKey key : d.getKeysList()) {
      if (key.getPublicKey().size() != Ed25519.PUBLIC_KEY_BYTES) {
        return "a public key of " + key.getPublicKey().size() + " bytes";
      }
    }
    return null;
  }

  private static String brokenChain(IdentityDocument d) {
    IdentityKey first = d.getKeys(0);
    if (first.getAddedSequence() != 1 || !first.getEndorsement().isEmpty()) {
      return "keys[0] must be added at sequence 1 without an endorsement";
    }
    for (int i = 1; i < d.getKeysCount(); i++) {
      IdentityKey previous = d.getKeys(i - 1);
      IdentityKey key = d.getKeys(i);
      if (key.getAddedSequence() <= previous.getAddedSequence() || key.getAddedSequence() > d.getSequence()) {
        return "keys[" + i + "] was added at sequence " + key.getAddedSequence() + ", out of order";
      }
      byte[] endorsed = endorsementBytes(d.getId(), key.getPublicKey().toByteArray(), key.getAddedSequence());
      if (!Ed25519.verify(previous.getPublicKey().toByteArray(), endorsed, key.getEndorsement().toByteArray())) {
        return "keys[" + i + "] is not endorsed by keys[" + (i - 1) + "]";
      }
    }
    return null;
  }

  private static boolean extendsKeys(IdentityDocument document, IdentityDocument known) {
    if (document.getKeysCount() < known.getKeysCount()) {
      return false;
    }
    for (int i = 0; i < known.getKeysCount(); i++) {
      if (!document.getKeys(i).getPublicKey().equals(known.getKeys(i).getPublicKey())) {
        return false;
      }
    }
    return true;
  }

  private static void requireUpdatable(IdentityDocument current, Ed25519.PrivateKey activeKey) {
    if (current.getStatus() == IdentityStatus.REVOKED) {
      throw new JuiceException(ErrorCode.PERMISSION_DENIED, "identity " + current.getId() + " is revoked; it cannot be updated");
    }
    byte[] active = current.getKeys(current.getActiveKey()).getPublicKey().toByteArray();
    if (!Arrays.equals(active, activeKey.publicKey())) {
      throw JuiceException.internal("the key given is not the active key of " + current.getId(), null);
    }
  }
}
