package org.juicetokens.token.creation;

import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.common.JuiceException;

/**
 * A mint request that passed the checks needing no lookup: issuer and owner given, a valid
 * reference, an allowed denomination and a count of 1 to {@code token.maxMintCount}. Built by
 * {@link #check}, which fails with INVALID_ARGUMENT and the reason (before anything is read or written).
 */
public record MintOrder(String issuerId, String ownerId, String reference, int denomination, int count) {

  /** The order of {@code request}, or INVALID_ARGUMENT. */
  public static MintOrder check(MintRequest request, Denominations denominations, int maxCount, int maxReferenceChars) {
    if (request.getIssuerId().isBlank()) {
      throw JuiceException.invalidArgument("issuerId is required");
    }
    if (request.getOwnerId().isBlank()) {
      throw JuiceException.invalidArgument("ownerId is required");
    }
    TokenIds.requireReference(request.getReference(), maxReferenceChars);
    denominations.require(request.getDenomination());
    if (request.getCount() < 1 || request.getCount() > maxCount) {
      throw JuiceException.invalidArgument("count must be 1 to " + maxCount + " (token.maxMintCount), got " + request.getCount());
    }
    return new MintOrder(request.getIssuerId().trim(), request.getOwnerId().trim(), request.getReference(),
      request.getDenomination(), request.getCount());
  }

  /** Value created, in hundredths. */
  public long amountHundredths() {
    return (long) denomination * count * 100;
  }
}
