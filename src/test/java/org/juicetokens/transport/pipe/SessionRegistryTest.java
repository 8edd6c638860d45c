package org.juicetokens.transport.pipe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionRegistryTest {
  @Test
  void token_resumes_until_it_expires_after_the_last_contact() {
    SessionRegistry<String> registry = new SessionRegistry<>(1000, 10);
    registry.add("t", "s", 0);
    assertThat(registry.resume("t", 900)).isEqualTo("s");
    assertThat(registry.resume("t", 1800)).isEqualTo("s"); // 900 after the last contact
    assertThat(registry.resume("t", 2801)).isNull();
    assertThat(registry.resume("t", 2802)).isNull();
    assertThat(registry.resume("unknown", 0)).isNull();
  }

  @Test
  void a_full_registry_refuses_unless_sessions_expired() {
    SessionRegistry<String> registry = new SessionRegistry<>(1000, 1);
    assertThat(registry.add("a", "s1", 0)).isTrue();
    assertThat(registry.add("b", "s2", 500)).isFalse();
    assertThat(registry.add("b", "s2", 1001)).isTrue();
    assertThat(registry.expire(2002)).containsExactly("s2");
    assertThat(registry.size()).isZero();
  }
}
