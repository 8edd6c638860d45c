package org.juicetokens.token.transaction;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.token.proto.GenesisRecord;
import org.juicetokens.token.proto.TelomereLink;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.telomere.CommitCheck;
import org.juicetokens.token.telomere.TelomereVerification;
import org.juicetokens.token.telomere.Telomeres;
import org.juicetokens.token.telomere.VerifyOptions;
import org.juicetokens.token.transaction.proto.Packet;

import java.util.HashSet;
import java.util.Set;

/**
 * {@link PacketVerifier} on {@link Telomeres#verify}: per token a whole telomere check with the
 * receiver as expected owner; the newest link must be of this tx and signed by the sender (it is
 * provisional: its commit certificate does not exist yet, so the commit check accepts this tx's
 * links and asks {@code earlierLinks} about all others). Wissel tokens never travel whole; a
 * token's denomination must be its genesis record's.
 */
public final class TelomerePacketVerifier implements PacketVerifier {
  private final int tailLinks;
  private final CommitCheck earlierLinks;

  /** @param earlierLinks the certificates of the tokens' earlier links (e.g. {@link CertifiedLinks}); null = not checked */
  public TelomerePacketVerifier(int tailLinks, CommitCheck earlierLinks) {
    this.tailLinks = tailLinks;
    this.earlierLinks = earlierLinks;
  }

  @Override
  public String problem(Packet packet, String txId, byte[] fromKey, byte[] toKey) {
    Set<String> seen = new HashSet<>();
    CommitCheck check = (tokenId, link) -> link.getTxId().equals(txId) || earlierLinks == null || earlierLinks.committed(tokenId, link);
    for (Token token : packet.getTokensList()) {
      if (!seen.add(token.getId())) {
        return "token " + token.getId() + " twice in the packet";
      }
      if (token.getWissel()) {
        return "token " + token.getId() + " is a wissel token";
      }
      String genesis = genesisProblem(token);
      if (genesis != null) {
        return genesis;
      }
      TelomereVerification result = Telomeres.verify(token.getId(), token.getGenesis(), token.getTelomere(),
        VerifyOptions.of(tailLinks).withExpectedOwner(toKey).withCommitCheck(check));
      if (!result.valid()) {
        return "token " + token.getId() + ": " + result.reason() + " " + result.detail();
      }
      int tail = token.getTelomere().getTailCount();
      if (tail == 0) {
        return "token " + token.getId() + " carries no link of this tx";
      }
      TelomereLink newest = token.getTelomere().getTail(tail - 1);
      if (!newest.getTxId().equals(txId)) {
        return "token " + token.getId() + ": the newest link is of tx " + newest.getTxId();
      }
      if (!newest.getSignerPublicKey().equals(ByteString.copyFrom(fromKey))) {
        return "token " + token.getId() + ": the newest link is not signed by the sender";
      }
    }
    return null;
  }

  private static String genesisProblem(Token token) {
    try {
      GenesisRecord record = GenesisRecord.parseFrom(token.getGenesis().getRecord());
      if (record.getDenomination() != token.getDenomination()) {
        return "token " + token.getId() + " claims denomination " + token.getDenomination() + ", its genesis " + record.getDenomination();
      }
      return null;
    } catch (InvalidProtocolBufferException e) {
      return "token " + token.getId() + ": undecodable genesis record";
    }
  }
}
