package org.juicetokens.extension.runtime;

import org.juicetokens.extension.proto.ExtensionManifest;
import org.juicetokens.extension.spi.Hook;
import org.juicetokens.extension.spi.Permission;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an active extension was granted by its manifest: the permissions (unknown names ignored:
 * the registry refuses them at registration) and the hooks it receives, i.e. the hooks it lists
 * whose needed permission it holds. An extension listing transaction.state without
 * transactions:read receives nothing of that hook.
 */
public record Grants(Set<Permission> permissions, Set<Hook> hooks) {

  public Grants {
    permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    hooks = hooks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(hooks));
  }

  public static Grants of(ExtensionManifest manifest) {
    EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
    manifest.getPermissionsList().forEach(p -> Permission.of(p).ifPresent(permissions::add));
    EnumSet<Hook> hooks = EnumSet.noneOf(Hook.class);
    for (String name : manifest.getHooksList()) {
      Hook.of(name).filter(h -> h.needs().map(permissions::contains).orElse(true)).ifPresent(hooks::add);
    }
    return new Grants(permissions, hooks);
  }

  public boolean allows(Permission permission) {
    return permissions.contains(permission);
  }

  public boolean receives(Hook hook) {
    return hooks.contains(hook);
  }
}
