package org.juicetokens.governance.admin;

import org.juicetokens.token.telomere.TelomereAdminSection;

import java.util.List;

/** The admin snapshot's sections beyond the foundation and transport ones (which AdminSnapshotSource gathers itself). */
public final class AdminSections {
  private AdminSections() {
  }

  public static List<AdminSection> all() {
    return List.of(
      new org.juicetokens.trust.identity.IdentityAdminSection(),
      new org.juicetokens.token.creation.TokenAdminSection(),
      new TelomereAdminSection(),
      new org.juicetokens.token.audit.TransactionAdminSection(),
      new org.juicetokens.trust.chain.ChainAdminSection(),
      new org.juicetokens.trust.attestation.AttestationAdminSection(),
      new org.juicetokens.lifecycle.egg.EggAdminSection(),
      new org.juicetokens.lifecycle.renewal.RenewalAdminSection(),
      new org.juicetokens.extension.ExtensionAdminSection()
    );
  }
}
