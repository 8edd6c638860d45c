package org.juicetokens.extension.runtime;

import org.juicetokens.extension.proto.ExtensionManifest;
import org.juicetokens.extension.spi.Hook;
import org.juicetokens.extension.spi.Permission;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GrantsTest {
  private static Grants grants(List<String> hooks, List<String> permissions) {
    return Grants.of(ExtensionManifest.newBuilder().setId("g").addAllHooks(hooks).addAllPermissions(permissions).build());
  }

  @Test
  void a_listed_hook_is_received_only_with_the_permission_it_needs() {
    Grants g = grants(List.of("token.created", "transaction.state", "egg.hatched"), List.of("transactions:read"));
    assertThat(g.receives(Hook.TRANSACTION_STATE)).isTrue();
    assertThat(g.receives(Hook.TOKEN_CREATED)).isFalse();
    assertThat(g.receives(Hook.EGG_HATCHED)).isFalse();
    assertThat(g.allows(Permission.TRANSACTIONS_READ)).isTrue();
    assertThat(g.allows(Permission.TOKENS_READ)).isFalse();
  }

  @Test
  void health_changed_needs_no_permission_but_must_be_listed() {
    assertThat(grants(List.of("health.changed"), List.of()).receives(Hook.HEALTH_CHANGED)).isTrue();
    assertThat(grants(List.of(), List.of("tokens:read")).receives(Hook.HEALTH_CHANGED)).isFalse();
    assertThat(grants(List.of(), List.of("tokens:read")).receives(Hook.TOKEN_CREATED)).isFalse();
  }

  @Test
  void unknown_hook_and_permission_names_grant_nothing() {
    Grants g = grants(List.of("token.burned"), List.of("tokens:write"));
    assertThat(g.hooks()).isEmpty();
    assertThat(g.permissions()).isEmpty();
  }
}
