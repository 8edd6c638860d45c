package org.juicetokens.extension;

import org.juicetokens.crypto.Ed25519;
import org.juicetokens.extension.proto.Capability;
import org.juicetokens.extension.proto.ExtensionManifest;
import org.juicetokens.extension.proto.Impact;
import org.juicetokens.extension.proto.SignedManifest;

import java.security.SecureRandom;

/** Manifests for the tests: a valid one by default, signed by a publisher key of the test. */
public final class Manifests {
  public static final Ed25519.PrivateKey PUBLISHER = Ed25519.generate(new SecureRandom());

  private Manifests() {
  }

  /** A valid manifest: transaction.state with transactions:read, one LOW capability covered by it, QuietExtension. */
  public static ExtensionManifest.Builder manifest(String id) {
    return ExtensionManifest.newBuilder().setId(id).setName("Test " + id).setVersion("1.0.0")
      .addHooks("transaction.state").addPermissions("transactions:read")
      .addCapabilities(Capability.newBuilder().setName("read transfers").setImpact(Impact.LOW).setRequires("transactions:read"))
      .setEntryClass(QuietExtension.class.getName()).putConfig("threshold", "10");
  }

  public static SignedManifest signed(ExtensionManifest.Builder manifest) {
    return ManifestSigning.sign(manifest.build(), PUBLISHER);
  }

  public static SignedManifest signed(String id) {
    return signed(manifest(id));
  }
}
