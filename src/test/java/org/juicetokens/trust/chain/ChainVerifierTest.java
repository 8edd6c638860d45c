package org.juicetokens.trust.chain;

import com.google.protobuf.ByteString;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.trust.chain.proto.ChainEntryBody;
import org.juicetokens.trust.chain.proto.ChainEntryType;
import org.juicetokens.trust.chain.proto.ChainHead;
import org.juicetokens.trust.chain.proto.ChainVerdict;
import org.juicetokens.trust.chain.proto.SignedChainEntry;
import org.juicetokens.trust.identity.IdentityDocuments;
import org.juicetokens.trust.identity.proto.IdentityDocument;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChainVerifierTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Ed25519.PrivateKey first = Ed25519.generate(RANDOM);
  private final IdentityDocument identity = IdentityDocuments.create(first, "alice", "a", 1_000).document();

  @Test
  void an_intact_chain_is_valid_with_its_length_and_matches_its_head() {
    List<SignedChainEntry> chain = chain(identity, first, 0, 4, 2_000);
    ChainVerdict verdict = ChainVerifier.verify(identity, chain, headOf(chain));
    assertThat(verdict.getValid()).isTrue();
    assertThat(verdict.getLength()).isEqualTo(4);
    assertThat(ChainVerifier.verify(identity, List.of(), null).getValid()).isTrue();
  }

  @Test
  void a_missing_entry_is_a_gap_at_its_sequence() {
    List<SignedChainEntry> chain = chain(identity, first, 0, 5, 2_000);
    chain.remove(2);
    ChainVerdict verdict = ChainVerifier.verify(identity, chain, null);
    assertThat(verdict.getValid()).isFalse();
    assertThat(verdict.getFirstBrokenSequence()).isEqualTo(3);
    assertThat(verdict.getLength()).isEqualTo(2);
    assertThat(verdict.getReason()).startsWith("gap");
  }

  @Test
  void entries_missing_at_the_end_are_caught_by_the_published_head() {
    List<SignedChainEntry> chain = chain(identity, first, 0, 4, 2_000);
    ChainHead head = headOf(chain);
    ChainVerdict verdict = ChainVerifier.verify(identity, chain.subList(0, 3), head);
    assertThat(verdict.getValid()).isFalse();
    assertThat(verdict.getFirstBrokenSequence()).isEqualTo(4);
  }

  @Test
  void two_entries_with_one_sequence_are_a_fork() {
    List<SignedChainEntry> chain = chain(identity, first, 0, 3, 2_000);
    ChainHead afterTwo = ChainEntries.head(body(chain.get(1)), chain.get(1));
    chain.add(sign(first, ChainEntries.next(identity.getId(), afterTwo, ChainEntryType.TOKENS_SENT, new byte[32], 9_000, 0)));
    ChainVerdict verdict = ChainVerifier.verify(identity, chain, null);
    assertThat(verdict.getValid()).isFalse();
    assertThat(verdict.getFirstBrokenSequence()).isEqualTo(3);
    assertThat(verdict.getReason()).contains("fork");
  }

  @Test
  void an_entry_that_links_the_wrong_previous_hash_is_a_fork() {
    List<SignedChainEntry> chain = chain(identity, first, 0, 2, 2_000);
    ChainHead wrong = ChainHead.newBuilder().setSequence(2).setHash(ByteString.copyFrom(new byte[32])).build();
    chain.add(sign(first, ChainEntries.next(identity.getId(), wrong, ChainEntryType.TOKENS_RECEIVED, new byte[32], 9_000, 0)));
    ChainVerdict verdict = ChainVerifier.verify(identity, chain, null);
    assertThat(verdict.getValid()).isFalse();
    assertThat(verdict.getFirstBrokenSequence()).isEqualTo(3);
    assertThat(verdict.getReason()).startsWith("fork");
  }

  @Test
  void a_tampered_body_fails_its_signature_and_a_tampered_last_entry_its_head() {
    List<SignedChainEntry> chain = chain(identity, first, 0, 3, 2_000);
    ChainHead head = headOf(chain);
    ChainEntryBody altered = body(chain.get(1)).toBuilder().setType(ChainEntryType.TOKENS_SENT).build();
    chain.set(1, chain.get(1).toBuilder().setBody(altered.toByteString()).build());
    ChainVerdict verdict = ChainVerifier.verify(identity, chain, head);
    assertThat(verdict.getValid()).isFalse();
    assertThat(verdict.getFirstBrokenSequence()).isEqualTo(2);
    assertThat(verdict.getReason()).startsWith("tampered");

    List<SignedChainEntry> resigned = chain(identity, first, 0, 3, 2_000);
    ChainHead published = headOf(resigned);
    resigned.set(2, sign(first, body(resigned.get(2)).toBuilder().setTimestampMs(7_777).build()));
    assertThat(ChainVerifier.verify(identity, resigned, published).getFirstBrokenSequence()).isEqualTo(3);
  }

  @Test
  void a_signature_by_another_key_is_tampering() {
    List<SignedChainEntry> chain = chain(identity, Ed25519.generate(RANDOM), 0, 2, 2_000);
    ChainVerdict verdict = ChainVerifier.verify(identity, chain, null);
    assertThat(verdict.getValid()).isFalse();
    assertThat(verdict.getFirstBrokenSequence()).isEqualTo(1);
  }

  @Test
  void entries_signed_by_a_rotated_key_verify_at_the_sequences_it_was_valid() {
    Ed25519.PrivateKey second = Ed25519.generate(RANDOM);
    IdentityDocument rotated = IdentityDocuments.rotate(identity, first, second, 5_000).document();
    List<SignedChainEntry> chain = chain(rotated, first, 0, 2, 2_000);
    chain.addAll(extend(rotated, second, 1, chain, 2, 6_000));
    ChainVerdict verdict = ChainVerifier.verify(rotated, chain, headOf(chain));
    assertThat(verdict.getValid()).isTrue();
    assertThat(verdict.getLength()).isEqualTo(4);
  }

  @Test
  void the_old_key_cannot_extend_the_chain_after_its_rotation() {
    Ed25519.PrivateKey second = Ed25519.generate(RANDOM);
    IdentityDocument rotated = IdentityDocuments.rotate(identity, first, second, 5_000).document();
    List<SignedChainEntry> chain = chain(rotated, first, 0, 2, 2_000);
    chain.addAll(extend(rotated, first, 0, chain, 1, 6_000));
    ChainVerdict verdict = ChainVerifier.verify(rotated, chain, null);
    assertThat(verdict.getValid()).isFalse();
    assertThat(verdict.getFirstBrokenSequence()).isEqualTo(3);
    assertThat(verdict.getReason()).contains("rotated out");

    List<SignedChainEntry> backwards = chain(rotated, second, 1, 1, 6_000);
    backwards.addAll(extend(rotated, first, 0, backwards, 1, 3_000));
    assertThat(ChainVerifier.verify(rotated, backwards, null).getFirstBrokenSequence()).isEqualTo(2);
  }

  private static List<SignedChainEntry> chain(IdentityDocument identity, Ed25519.PrivateKey key, int keyIndex, int length, long startMs) {
    return extend(identity, key, keyIndex, new ArrayList<>(), length, startMs);
  }

  private static List<SignedChainEntry> extend(IdentityDocument identity, Ed25519.PrivateKey key, int keyIndex, List<SignedChainEntry> before,
                                               int count, long startMs) {
    List<SignedChainEntry> all = new ArrayList<>(before);
    List<SignedChainEntry> added = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ChainHead head = all.isEmpty() ? null : headOf(all);
      ChainEntryType type = head == null ? ChainEntryType.CREATED : ChainEntryType.TOKENS_RECEIVED;
      SignedChainEntry entry = sign(key, ChainEntries.next(identity.getId(), head, type, new byte[32], startMs + i, keyIndex));
      all.add(entry);
      added.add(entry);
    }
    return before.isEmpty() ? all : added;
  }

  private static SignedChainEntry sign(Ed25519.PrivateKey key, ChainEntryBody body) {
    return ChainEntries.signed(body, key.sign(ChainEntries.signingBytes(body.toByteString())));
  }

  private static ChainHead headOf(List<SignedChainEntry> chain) {
    SignedChainEntry last = chain.get(chain.size() - 1);
    return ChainEntries.head(body(last), last);
  }

  private static ChainEntryBody body(SignedChainEntry entry) {
    try {
      return ChainEntryBody.parseFrom(entry.getBody());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
