package org.juicetokens.trust.identity;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChallengesTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final Challenges challenges = new Challenges(new SecureRandom(), now::get, 100, 2);

  @Test
  void a_challenge_is_accepted_once_for_its_identity() {
    Challenges.Issued issued = challenges.issue("alice");
    assertThat(issued.challenge()).hasSize(Challenges.CHALLENGE_BYTES);
    assertThat(issued.expiresAtMs()).isEqualTo(1_100);
    assertThat(challenges.consume("alice", issued.challenge())).isEqualTo(Challenges.Outcome.ACCEPTED);
    assertThat(challenges.consume("alice", issued.challenge())).isEqualTo(Challenges.Outcome.UNKNOWN);
  }

  @Test
  void expired_foreign_and_unknown_challenges_are_refused_and_used_up() {
    Challenges.Issued late = challenges.issue("alice");
    Challenges.Issued other = challenges.issue("bob");
    now.addAndGet(100);
    assertThat(challenges.consume("alice", late.challenge())).isEqualTo(Challenges.Outcome.EXPIRED);
    assertThat(challenges.consume("alice", other.challenge())).isEqualTo(Challenges.Outcome.EXPIRED);
    Challenges.Issued fresh = challenges.issue("bob");
    assertThat(challenges.consume("alice", fresh.challenge())).isEqualTo(Challenges.Outcome.OTHER_IDENTITY);
    assertThat(challenges.consume("bob", fresh.challenge())).isEqualTo(Challenges.Outcome.UNKNOWN);
    assertThat(challenges.consume("bob", new byte[32])).isEqualTo(Challenges.Outcome.UNKNOWN);
  }

  @Test
  void when_full_expired_ones_make_room_else_unavailable() {
    challenges.issue("a");
    challenges.issue("b");
    assertThatThrownBy(() -> challenges.issue("c"))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    now.addAndGet(200);
    challenges.issue("c");
    assertThat(challenges.outstanding()).isEqualTo(1);
  }

  @Test
  void proof_bytes_are_domain_separated_and_bound_to_the_identity() {
    byte[] c = new byte[32];
    assertThat(new String(Challenges.proofBytes("alice", c), 0, 17, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("jt.identity.proof");
    assertThat(Challenges.proofBytes("alice", c)).isNotEqualTo(Challenges.proofBytes("bob", c));
  }
}
