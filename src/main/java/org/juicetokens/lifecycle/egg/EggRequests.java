package org.juicetokens.lifecycle.egg;

import org.juicetokens.api.v1.CreateGenesisPoolRequest;
import org.juicetokens.api.v1.GenerateEggsRequest;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.creation.Denominations;
import org.juicetokens.token.creation.TokenIds;
import org.juicetokens.trust.identity.IdentityIds;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks of the egg requests that need no lookup, each INVALID_ARGUMENT with the reason
 * before anything is read or written. Pure.
 */
public record EggRequests(int minMembers, int maxMembers, int maxBatch, Denominations denominations, int maxReferenceChars) {

  public EggRequests {
    if (minMembers < 1 || maxMembers < minMembers || maxBatch < 1 || maxBatch > 1000) {
      throw new IllegalArgumentException("egg.poolMinMembers >= 1, egg.poolMaxMembers >= egg.poolMinMembers and egg.maxBatchCount 1-1000 required, got "
        + minMembers + ", " + maxMembers + ", " + maxBatch);
    }
  }

  /** The pool's members in the order given (the first is the issuer). */
  public List<String> members(CreateGenesisPoolRequest request) {
    List<String> ids = request.getMemberIdsList().stream().map(String::trim).toList();
    if (ids.size() < minMembers || ids.size() > maxMembers) {
      throw JuiceException.invalidArgument("a genesis pool has " + minMembers + " to " + maxMembers
        + " members (egg.poolMinMembers/egg.poolMaxMembers), got " + ids.size());
    }
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      IdentityIds.require(id, "memberIds");
      if (!seen.add(id)) {
        throw JuiceException.invalidArgument("duplicate member " + id + " in the genesis pool");
      }
    }
    return ids;
  }

  public GenerateEggsRequest generation(GenerateEggsRequest request) {
    if (request.getPoolId().isBlank()) {
      throw JuiceException.invalidArgument("poolId is required");
    }
    IdentityIds.require(request.getOwnerId(), "ownerId");
    TokenIds.requireReference(request.getReference(), maxReferenceChars);
    if (!denominations.contains(request.getDenomination())) {
      throw JuiceException.invalidArgument("bad denomination " + request.getDenomination() + "; allowed: " + denominations.values());
    }
    if (request.getCount() < 1 || request.getCount() > maxBatch) {
      throw JuiceException.invalidArgument("count must be 1 to " + maxBatch + " (egg.maxBatchCount), got " + request.getCount());
    }
    return request;
  }
}
