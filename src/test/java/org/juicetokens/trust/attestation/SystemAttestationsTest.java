package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.token.transaction.Certificates;
import org.juicetokens.token.transaction.proto.Certificate;
import org.juicetokens.token.transaction.proto.SystemAttestation;
import org.juicetokens.token.transaction.proto.TxDecision;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.trust.attestation.proto.NodeKeyRecord;
import org.juicetokens.trust.attestation.proto.SignedSystemAttestation;
import org.juicetokens.trust.attestation.proto.SystemAttestationView;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The verification of system attestations on read, each failure with its reason, and the DHT entry verifier. */
class SystemAttestationsTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Ed25519.PrivateKey node = Ed25519.generate(RANDOM);
  private final Ed25519.PrivateKey payerKey = Ed25519.generate(RANDOM);
  private final List<ByteString> nodeKeys = List.of(ByteString.copyFrom(node.publicKey()));
  private final List<ByteString> payerKeys = List.of(ByteString.copyFrom(payerKey.publicKey()));

  private Certificate certificate(String txId, TxDecision decision, Ed25519.PrivateKey key) {
    return Certificates.sign(Certificates.body(txId, decision, null, null, 1000), key);
  }

  private SystemAttestation.Builder payee() {
    return SystemAttestation.newBuilder().setTxId("tx1").setIdentityId("bob").setRole(TxRole.PAYEE).setPayerId("alice")
      .setPayeeId("bob").setAmountHundredths(500).setCommittedAtMs(1000).setCertificate(certificate("tx1", TxDecision.COMMIT, payerKey))
      .setNodeId("n1");
  }

  private SignedSystemAttestation signed(SystemAttestation a, Ed25519.PrivateKey key) {
    return SystemAttestations.sign(a, "n1", key.publicKey(), key::sign);
  }

  private String reason(SignedSystemAttestation record) {
    return SystemAttestations.verify(record, "tx1/bob", new SystemAttestations.Context(nodeKeys, true, payerKeys)).reason();
  }

  @Test
  void a_node_signed_attestation_of_a_committed_exchange_verifies_for_both_sides() {
    assertThat(reason(signed(payee().build(), node))).isEmpty();
    SystemAttestation payer = payee().setIdentityId("alice").setRole(TxRole.PAYER).build();
    assertThat(SystemAttestations.verify(signed(payer, node), "tx1/alice", new SystemAttestations.Context(nodeKeys, true, payerKeys))
      .valid()).isTrue();
  }

  @Test
  void a_forged_node_signature_is_a_bad_signature() {
    SignedSystemAttestation record = signed(payee().build(), node);
    SignedSystemAttestation forged = record.toBuilder().setSignature(ByteString.copyFrom(Ed25519.generate(RANDOM)
      .sign(SystemAttestations.signedBytes(record.getAttestation())))).build();
    assertThat(reason(forged)).isEqualTo("bad signature");
  }

  @Test
  void a_tampered_amount_is_a_bad_signature() {
    SignedSystemAttestation record = signed(payee().build(), node);
    SignedSystemAttestation tampered = record.toBuilder().setAttestation(payee().setAmountHundredths(50_000).build().toByteString()).build();
    assertThat(reason(tampered)).isEqualTo("bad signature");
  }

  @Test
  void a_key_not_registered_for_the_node_is_an_unknown_node_key() {
    SignedSystemAttestation byStranger = signed(payee().build(), Ed25519.generate(RANDOM));
    assertThat(reason(byStranger)).isEqualTo("unknown node key");
    assertThat(SystemAttestations.verify(signed(payee().build(), node), "tx1/bob", new SystemAttestations.Context(null, true, payerKeys))
      .reason()).isEqualTo("unknown node key");
  }

  @Test
  void a_certificate_not_involving_the_subject_is_refused() {
    SystemAttestation outsider = payee().setIdentityId("carol").build();
    assertThat(SystemAttestations.verify(signed(outsider, node), "tx1/carol", new SystemAttestations.Context(nodeKeys, true, payerKeys))
      .reason()).isEqualTo("not a party");
    assertThat(reason(signed(payee().setCertificate(certificate("tx2", TxDecision.COMMIT, payerKey)).build(), node)))
      .isEqualTo("bad certificate");
    assertThat(reason(signed(payee().setCertificate(certificate("tx1", TxDecision.COMMIT, Ed25519.generate(RANDOM))).build(), node)))
      .isEqualTo("bad certificate");
    assertThat(reason(signed(payee().setCertificate(certificate("tx1", TxDecision.ABORT, payerKey)).build(), node)))
      .isEqualTo("bad certificate");
  }

  @Test
  void unknown_identities_and_a_misplaced_record_name_their_case() {
    SignedSystemAttestation record = signed(payee().build(), node);
    assertThat(SystemAttestations.verify(record, "tx1/bob", new SystemAttestations.Context(nodeKeys, false, payerKeys)).reason())
      .isEqualTo("unknown subject");
    assertThat(SystemAttestations.verify(record, "tx1/bob", new SystemAttestations.Context(nodeKeys, true, null)).reason())
      .isEqualTo("unknown payer");
    assertThat(SystemAttestations.verify(record, "tx9/bob", new SystemAttestations.Context(nodeKeys, true, payerKeys)).reason())
      .isEqualTo("malformed");
    assertThat(reason(record.toBuilder().setAttestation(ByteString.copyFromUtf8("junk")).build())).isEqualTo("malformed");
  }

  @Test
  void the_dht_entry_verifier_accepts_only_the_signing_node_entry_under_its_own_id() {
    SignedSystemAttestation record = signed(payee().build(), node);
    SystemAttestationEntryVerifier verifier = new SystemAttestationEntryVerifier();
    assertThat(verifier.verify(DhtMaps.SYSTEM_ATTESTATIONS, "tx1/bob", entry("tx1/bob", record, "n1", node))).isTrue();
    assertThat(verifier.verify(DhtMaps.SYSTEM_ATTESTATIONS, "tx2/bob", entry("tx2/bob", record, "n1", node))).isFalse();
    assertThat(verifier.verify(DhtMaps.SYSTEM_ATTESTATIONS, "tx1/bob", entry("tx1/bob", record, "n2", node))).isFalse();
    assertThat(verifier.verify(DhtMaps.SYSTEM_ATTESTATIONS, "tx1/bob", entry("tx1/bob", record, "n1", Ed25519.generate(RANDOM)))).isFalse();
  }

  @Test
  void the_node_key_entry_verifier_wants_the_named_node_signing_with_a_listed_key() {
    Ed25519.PrivateKey newer = Ed25519.generate(RANDOM);
    NodeKeyRecord record = NodeKeyRecord.newBuilder().setNodeId("n1").addPublicKeys(ByteString.copyFrom(node.publicKey()))
      .addPublicKeys(ByteString.copyFrom(newer.publicKey())).build();
    NodeKeyEntryVerifier verifier = new NodeKeyEntryVerifier();
    assertThat(verifier.verify(DhtMaps.NODE_KEYS, "n1", nodeKeyEntry("n1", record, "n1", node))).isTrue();
    assertThat(verifier.verify(DhtMaps.NODE_KEYS, "n1", nodeKeyEntry("n1", record, "n1", newer))).isTrue();
    assertThat(verifier.verify(DhtMaps.NODE_KEYS, "n1", nodeKeyEntry("n1", record, "n1", Ed25519.generate(RANDOM)))).isFalse();
    assertThat(verifier.verify(DhtMaps.NODE_KEYS, "n2", nodeKeyEntry("n2", record, "n2", node))).isFalse();
    assertThat(verifier.verify(DhtMaps.NODE_KEYS, "n1", nodeKeyEntry("n1", record, "n2", node))).isFalse();
  }

  @Test
  void reliability_grows_with_completed_exchanges_from_one_half() {
    assertThat(Reputation.reliability(0)).isEqualTo(0.5);
    assertThat(Reputation.reliability(1)).isGreaterThan(Reputation.reliability(0));
    assertThat(Reputation.reliability(10)).isGreaterThan(Reputation.reliability(1)).isLessThan(1.0);
  }

  @Test
  void a_tx_counts_once_among_the_valid_views() {
    SystemAttestation a = payee().build();
    List<SystemAttestationView> views = List.of(
      SystemAttestationView.newBuilder().setAttestation(a).setValid(true).build(),
      SystemAttestationView.newBuilder().setAttestation(a).setValid(true).build(),
      SystemAttestationView.newBuilder().setAttestation(a.toBuilder().setTxId("tx2")).setValid(false).build());
    assertThat(SystemAttestationReads.distinctValid(views)).isEqualTo(1);
  }

  private static DhtEntry nodeKeyEntry(String key, NodeKeyRecord record, String signerId, Ed25519.PrivateKey signer) {
    DhtEntry unsigned = DhtEntry.newBuilder().setValue(record.toByteString()).setWrittenAtMs(5).setSignerId(signerId)
      .setSignerPublicKey(ByteString.copyFrom(signer.publicKey())).build();
    byte[] signature = signer.sign(DhtEntryVerifier.signedBytes(DhtMaps.NODE_KEYS, key, unsigned));
    return unsigned.toBuilder().setSignature(ByteString.copyFrom(signature)).build();
  }

  static DhtEntry entry(String key, SignedSystemAttestation record, String signerId, Ed25519.PrivateKey key2) {
    DhtEntry unsigned = DhtEntry.newBuilder().setValue(record.toByteString()).setWrittenAtMs(5).setSignerId(signerId)
      .setSignerPublicKey(ByteString.copyFrom(key2.publicKey())).build();
    byte[] signature = key2.sign(DhtEntryVerifier.signedBytes(DhtMaps.SYSTEM_ATTESTATIONS, key, unsigned));
    return unsigned.toBuilder().setSignature(ByteString.copyFrom(signature)).build();
  }
}
