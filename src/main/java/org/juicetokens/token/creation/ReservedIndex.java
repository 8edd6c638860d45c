package org.juicetokens.token.creation;

import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.proto.IssuanceClaim;

/**
 * The two mint modes of eggs (issue 7): a reservation obtains indices of an issuance without
 * creating a token; a mint at a reserved index creates exactly that token later (the hatch). Since
 * the index is fixed in advance the token id is too, so a repeated hatch is recognised and refused
 * instead of minting twice. Pure.
 */
public final class ReservedIndex {
  private ReservedIndex() {
  }

  /** INVALID_ARGUMENT when the request mixes the modes or mints more than one token at an index. */
  public static void checkMode(MintRequest request) {
    if (request.getAtIndex() < 0) {
      throw JuiceException.invalidArgument("atIndex must be > 0 when given, got " + request.getAtIndex());
    }
    if (request.getAtIndex() > 0 && request.getReserveOnly()) {
      throw JuiceException.invalidArgument("reserveOnly and atIndex exclude each other");
    }
    if (request.getAtIndex() > 0 && request.getCount() != 1) {
      throw JuiceException.invalidArgument("a mint at an index creates one token, count must be 1");
    }
  }

  /**
   * The range of the one index {@code atIndex} of an issuance {@code issuerId} claimed before and
   * reserved up to at least that index; NOT_FOUND without a claim, PERMISSION_DENIED when another
   * identity owns it, INVALID_ARGUMENT when the index was never reserved.
   */
  public static IssuanceClaims.Range at(IssuanceClaim claim, String issuanceId, String issuerId, long atIndex) {
    if (claim == null) {
      throw JuiceException.notFound("issuance " + issuanceId + " has no claim: reserve its indices first");
    }
    IssuanceClaims.requireClaimant(claim, issuerId);
    if (atIndex > claim.getMinted()) {
      throw new JuiceException(ErrorCode.INVALID_ARGUMENT, "index " + atIndex + " of issuance " + issuanceId
        + " was never reserved (reserved up to " + claim.getMinted() + ")");
    }
    return new IssuanceClaims.Range(atIndex, 1, false);
  }
}
