package org.juicetokens.crypto;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The memo of positive verifications answers what a real verification answers, and stays bounded. */
class VerifiedSignaturesTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Ed25519.PrivateKey KEY = Ed25519.generate(RANDOM);
  private static final Ed25519.PrivateKey OTHER = Ed25519.generate(RANDOM);

  @Property(tries = 60)
  void the_memo_gives_the_verdicts_of_a_real_verification(@ForAll @Size(max = 300) byte[] data, @ForAll @IntRange(min = 0, max = 3) int tamper,
                                                        @ForAll @IntRange(min = 0, max = 1023) int position) {
    VerifiedSignatures memo = new VerifiedSignatures(16);
    byte[] publicKey = KEY.publicKey();
    byte[] signature = KEY.sign(data);
    byte[] checkedData = data.clone();
    byte[] checkedSignature = signature.clone();
    byte[] checkedKey = publicKey;
    switch (tamper) {
      case 1 -> {
        if (checkedData.length == 0) {
          checkedData = new byte[] {1};
        } else {
          checkedData[position % checkedData.length] ^= 1;
        }
      }
      case 2 -> checkedSignature[position % checkedSignature.length] ^= 1;
      case 3 -> checkedKey = OTHER.publicKey();
      default -> {
      }
    }
    // the genuine triple first, so the memo holds it while the tampered one is asked
    assertThat(memo.verify(publicKey, data, signature, Ed25519::verifyUncached)).isTrue();
    boolean expected = Ed25519.verifyUncached(checkedKey, checkedData, checkedSignature);
    assertThat(expected).isEqualTo(tamper == 0);
    for (int i = 0; i < 2; i++) {
      assertThat(memo.verify(checkedKey, checkedData, checkedSignature, Ed25519::verifyUncached)).isEqualTo(expected);
    }
  }

  @Test
  void a_failed_verification_is_never_remembered() {
    VerifiedSignatures memo = new VerifiedSignatures(16);
    AtomicInteger real = new AtomicInteger();
    byte[] data = "pay 1.00 to bob".getBytes();
    byte[] bad = KEY.sign(data);
    bad[0] ^= 1;
    for (int i = 0; i < 3; i++) {
      assertThat(memo.verify(KEY.publicKey(), data, bad, (k, d, s) -> {
        real.incrementAndGet();
        return Ed25519.verifyUncached(k, d, s);
      })).isFalse();
    }
    assertThat(real).hasValue(3);
    assertThat(memo.size()).isZero();
    assertThat(memo.misses()).isEqualTo(3);
    assertThat(memo.hits()).isZero();
  }

  @Test
  void a_positive_verification_is_answered_from_the_memo_the_second_time() {
    VerifiedSignatures memo = new VerifiedSignatures(16);
    AtomicInteger real = new AtomicInteger();
    byte[] data = "pay 1.00 to bob".getBytes();
    byte[] signature = KEY.sign(data);
    for (int i = 0; i < 3; i++) {
      assertThat(memo.verify(KEY.publicKey(), data, signature, (k, d, s) -> {
        real.incrementAndGet();
        return Ed25519.verifyUncached(k, d, s);
      })).isTrue();
    }
    assertThat(real).hasValue(1);
    assertThat(memo.hits()).isEqualTo(2);
    assertThat(memo.misses()).isEqualTo(1);
  }

  @Test
  void the_same_bytes_split_differently_between_key_and_data_are_different_entries() {
    // length prefixes: (key, data) = (k, x‖y) and (k‖x, y) do not collide; only the verifier's verdict counts
    VerifiedSignatures memo = new VerifiedSignatures(16);
    byte[] signature = new byte[Ed25519.SIGNATURE_BYTES];
    assertThat(memo.verify(new byte[] {1, 2}, new byte[] {3}, signature, (k, d, s) -> true)).isTrue();
    assertThat(memo.verify(new byte[] {1}, new byte[] {2, 3}, signature, (k, d, s) -> false)).isFalse();
  }

  @Test
  void eviction_keeps_the_memo_bounded_and_an_evicted_entry_is_verified_again() {
    VerifiedSignatures memo = new VerifiedSignatures(8);
    AtomicInteger real = new AtomicInteger();
    VerifiedSignatures.Verifier counting = (k, d, s) -> {
      real.incrementAndGet();
      return true;
    };
    byte[] key = new byte[Ed25519.PUBLIC_KEY_BYTES];
    byte[] signature = new byte[Ed25519.SIGNATURE_BYTES];
    for (int i = 0; i < 100; i++) {
      memo.verify(key, new byte[] {(byte) i}, signature, counting);
      assertThat(memo.size()).isLessThanOrEqualTo(8);
    }
    assertThat(memo.size()).isEqualTo(8);
    assertThat(real).hasValue(100);
    // the newest 8 are remembered, the first one was evicted
    memo.verify(key, new byte[] {99}, signature, counting);
    assertThat(real).hasValue(100);
    memo.verify(key, new byte[] {0}, signature, counting);
    assertThat(real).hasValue(101);
  }

  @Test
  void capacity_zero_turns_the_memo_off() {
    VerifiedSignatures memo = new VerifiedSignatures(0);
    AtomicInteger real = new AtomicInteger();
    byte[] data = "x".getBytes();
    byte[] signature = KEY.sign(data);
    for (int i = 0; i < 3; i++) {
      assertThat(memo.verify(KEY.publicKey(), data, signature, (k, d, s) -> {
        real.incrementAndGet();
        return Ed25519.verifyUncached(k, d, s);
      })).isTrue();
    }
    assertThat(real).hasValue(3);
    assertThat(memo.size()).isZero();
    assertThat(memo.hits()).isZero();
  }

  @Test
  void a_negative_capacity_is_refused() {
    assertThatThrownBy(() -> new VerifiedSignatures(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void configure_resizes_the_shared_memo_keeps_it_when_unchanged_and_the_meters_follow() {
    VerifiedSignatures before = VerifiedSignatures.shared();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    VerifiedSignatures.bindTo(registry);
    try {
      VerifiedSignatures.configure(32);
      VerifiedSignatures sized = VerifiedSignatures.shared();
      assertThat(sized.capacity()).isEqualTo(32);
      byte[] data = "configured".getBytes();
      byte[] signature = KEY.sign(data);
      double hits = registry.get("juice.crypto.verify.cache").tag("result", "hit").functionCounter().count();
      assertThat(Ed25519.verify(KEY.publicKey(), data, signature)).isTrue();
      assertThat(Ed25519.verify(KEY.publicKey(), data, signature)).isTrue();
      assertThat(registry.get("juice.crypto.verify.cache").tag("result", "hit").functionCounter().count()).isEqualTo(hits + 1);
      assertThat(registry.get("juice.crypto.verify.cache.entries").gauge().value()).isEqualTo(1);
      VerifiedSignatures.configure(32);
      assertThat(VerifiedSignatures.shared()).isSameAs(sized);
      VerifiedSignatures.configure(0);
      assertThat(Ed25519.verify(KEY.publicKey(), data, signature)).isTrue();
      assertThat(registry.get("juice.crypto.verify.cache").tag("result", "hit").functionCounter().count()).isEqualTo(hits + 1);
      assertThat(Ed25519.verify(KEY.publicKey(), data, new byte[Ed25519.SIGNATURE_BYTES])).isFalse();
    } finally {
      VerifiedSignatures.configure(before.capacity());
    }
  }

  @Test
  void ed25519_verify_goes_through_the_shared_memo_with_the_same_verdicts() {
    byte[] data = new byte[64];
    RANDOM.nextBytes(data);
    byte[] signature = KEY.sign(data);
    long hits = VerifiedSignatures.shared().hits();
    assertThat(Ed25519.verify(KEY.publicKey(), data, signature)).isTrue();
    assertThat(Ed25519.verify(KEY.publicKey(), data, signature)).isTrue();
    assertThat(VerifiedSignatures.shared().hits()).isGreaterThan(hits);
    assertThat(Ed25519.verify(OTHER.publicKey(), data, signature)).isFalse();
    byte[] tampered = data.clone();
    tampered[3] ^= 1;
    assertThat(Ed25519.verify(KEY.publicKey(), tampered, signature)).isFalse();
    assertThat(Ed25519.verify(KEY.publicKey(), data, new byte[3])).isFalse();
  }
}
