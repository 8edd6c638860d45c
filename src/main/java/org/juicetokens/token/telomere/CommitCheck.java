package org.juicetokens.token.telomere;

import org.juicetokens.token.proto.TelomereLink;

/**
 * The hook for PROTOCOL.md §Transactions: "a link is only valid together with the commit
 * certificate of its tx id". The telomere cannot check that itself (certificates live with the
 * transaction layer), so {@link Telomeres#verify} asks this check for every retained link,
 * after the link's signature and signer were checked; {@code false} fails verification with
 * {@link FailureReason#UNCOMMITTED_LINK}. Must be pure and fast (it runs inside verification):
 * a lookup in certificates the caller fetched beforehand, not I/O.
 */
@FunctionalInterface
public interface CommitCheck {
  boolean committed(String tokenId, TelomereLink link);
}
