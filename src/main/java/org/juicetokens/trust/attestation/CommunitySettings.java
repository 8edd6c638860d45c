package org.juicetokens.trust.attestation;

import org.juicetokens.common.JuiceException;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;

import java.util.List;

/** The limits of the community part, from the node's settings, and the checks of a statement's content. */
record CommunitySettings(int maxMembers, int maxNameChars, int maxPerSubject, int casAttempts, List<String> types, int maxContentChars) {

  static CommunitySettings of(NodeConfig config) {
    return new CommunitySettings(config.integer(Settings.COMMUNITY_MAX_MEMBERS), config.integer(Settings.COMMUNITY_MAX_NAME_CHARS),
      config.integer(Settings.ATTESTATION_MAX_PER_SUBJECT), config.integer(Settings.COMMUNITY_CAS_ATTEMPTS),
      config.list(Settings.ATTESTATION_TYPES), config.integer(Settings.ATTESTATION_MAX_CONTENT_CHARS));
  }

  /** INVALID_ARGUMENT naming the first rule a statement's content breaks. */
  void requireValid(String type, String content, int strength) {
    if (!types.contains(type)) {
      throw JuiceException.invalidArgument("attestation type must be one of " + types + " (attestation.types)");
    }
    if (content.length() > maxContentChars) {
      throw JuiceException.invalidArgument("content longer than " + maxContentChars + " characters (attestation.maxContentChars)");
    }
    if (strength < 0 || strength > Attestations.MAX_STRENGTH) {
      throw JuiceException.invalidArgument("community attestation refused: " + Attestations.STRENGTH_OUT_OF_RANGE + " (0-"
        + Attestations.MAX_STRENGTH + ")");
    }
  }
}
