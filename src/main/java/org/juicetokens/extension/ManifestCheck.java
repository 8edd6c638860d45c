package org.juicetokens.extension;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.extension.proto.Capability;
import org.juicetokens.extension.proto.ExtensionManifest;
import org.juicetokens.extension.proto.Impact;
import org.juicetokens.extension.proto.SignedManifest;
import org.juicetokens.extension.spi.Hook;
import org.juicetokens.extension.spi.Permission;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a manifest must be before the registry takes it, and again before each activation: a
 * well-formed id, entry class and jar name (a bare file name: it is resolved in the extensions
 * directory), the publisher's valid signature ({@link ManifestSigning}), a trusted publisher when
 * the node names some, hooks and permissions that exist, and every capability covered by one of
 * the manifest's permissions. A refusal is INVALID_ARGUMENT (PERMISSION_DENIED for an untrusted
 * publisher) with the reason. A hook whose permission the manifest lacks is accepted: its events
 * are simply never delivered (the runtime filters by permission).
 */
public final class ManifestCheck {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]{2,63}");
  private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
  private static final Pattern JAR = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}\\.jar");
  private static final Pattern PUBLIC_KEY = Pattern.compile("[0-9a-f]{64}");

  private final Set<String> trustedPublishers;

  /** {@code trustedPublishers}: hex public keys (any case); empty = any validly signed manifest. */
  public ManifestCheck(List<String> trustedPublishers) {
    this.trustedPublishers = trustedPublishers.stream().map(k -> k.trim().toLowerCase(Locale.ROOT)).filter(k -> !k.isEmpty())
      .collect(Collectors.toUnmodifiableSet());
  }

  /** Throws JuiceException with the first reason the manifest is refused; returns it when it passes. */
  public SignedManifest check(SignedManifest signed) {
    ExtensionManifest m = signed.getManifest();
    if (!ID.matcher(m.getId()).matches()) {
      throw invalid("extension id '" + m.getId() + "' must match " + ID.pattern());
    }
    if (m.getName().isBlank() || m.getVersion().isBlank()) {
      throw invalid("extension " + m.getId() + ": name and version are required");
    }
    if (!JAVA_NAME.matcher(m.getEntryClass()).matches()) {
      throw invalid("extension " + m.getId() + ": entry_class '" + m.getEntryClass() + "' is not a Java class name");
    }
    if (!m.getJar().isEmpty() && (!JAR.matcher(m.getJar()).matches() || m.getJar().contains(".."))) {
      throw invalid("extension " + m.getId() + ": jar '" + m.getJar() + "' must be a plain file name ending in .jar (no path, no '..')");
    }
    if (!PUBLIC_KEY.matcher(m.getPublisherPublicKey()).matches()) {
      throw invalid("extension " + m.getId() + ": publisher_public_key must be 64 lower-case hex characters (an Ed25519 key)");
    }
    if (!ManifestSigning.verify(signed)) {
      throw invalid("extension " + m.getId() + ": bad signature (not the publisher's signature of this manifest)");
    }
    if (!trustedPublishers.isEmpty() && !trustedPublishers.contains(m.getPublisherPublicKey())) {
      throw new JuiceException(ErrorCode.PERMISSION_DENIED, "extension " + m.getId() + ": publisher " + m.getPublisherPublicKey()
        + " is not in extension.trustedPublishers");
    }
    Set<String> seen = new HashSet<>();
    for (String hook : m.getHooksList()) {
      if (Hook.of(hook).isEmpty()) {
        throw invalid("extension " + m.getId() + ": unknown hook '" + hook + "' (known: " + known(Hook.values()) + ")");
      }
      if (!seen.add("hook " + hook)) {
        throw invalid("extension " + m.getId() + ": hook '" + hook + "' listed twice");
      }
    }
    for (String permission : m.getPermissionsList()) {
      if (Permission.of(permission).isEmpty()) {
        throw invalid("extension " + m.getId() + ": unknown permission '" + permission + "' (known: " + known(Permission.values()) + ")");
      }
      if (!seen.add("permission " + permission)) {
        throw invalid("extension " + m.getId() + ": permission '" + permission + "' listed twice");
      }
    }
    for (Capability capability : m.getCapabilitiesList()) {
      if (capability.getName().isBlank()) {
        throw invalid("extension " + m.getId() + ": a capability without a name");
      }
      if (capability.getImpact() == Impact.IMPACT_UNSPECIFIED || capability.getImpact() == Impact.UNRECOGNIZED) {
        throw invalid("extension " + m.getId() + ": capability '" + capability.getName() + "' needs an impact (LOW, MEDIUM or HIGH)");
      }
      if (!m.getPermissionsList().contains(capability.getRequires())) {
        throw invalid("extension " + m.getId() + ": capability '" + capability.getName() + "' is not covered by a permission of the manifest"
          + " (requires '" + capability.getRequires() + "', permissions " + m.getPermissionsList() + ")");
      }
    }
    return signed;
  }

  private static JuiceException invalid(String reason) {
    return JuiceException.invalidArgument(reason);
  }

  private static String known(Enum<?>[] values) {
    return Arrays.stream(values).map(v -> v instanceof Hook h ? h.wireName() : ((Permission) v).wireName()).collect(Collectors.joining(", "));
  }
}
