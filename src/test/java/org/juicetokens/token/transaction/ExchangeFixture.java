package org.juicetokens.token.transaction;

import com.google.protobuf.ByteString;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.token.proto.GenesisRecord;
import org.juicetokens.token.proto.SignedGenesis;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenState;
import org.juicetokens.token.telomere.TelomereFixture;
import org.juicetokens.token.telomere.Telomeres;
import org.juicetokens.token.transaction.proto.TxPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Keys, tokens and plans for the engine tests: a payer "p" on node-p, a payee "r" on node-r, real signatures. */
final class ExchangeFixture {
  static final long T0 = 1_700_000_000_000L;
  final Ed25519.PrivateKey issuer;
  final Ed25519.PrivateKey payerKey;
  final Ed25519.PrivateKey payeeKey;

  ExchangeFixture(long seed) {
    Random random = new Random(seed);
    issuer = TelomereFixture.key(random);
    payerKey = TelomereFixture.key(random);
    payeeKey = TelomereFixture.key(random);
  }

  Token token(String id, int denomination, String ownerId, Ed25519.PrivateKey owner) {
    byte[] record = GenesisRecord.newBuilder()
      .setTokenId(id).setDenomination(denomination).setIssuerId("issuer").setIssuerKey(ByteString.copyFrom(issuer.publicKey()))
      .setOwnerId(ownerId).setOwnerKey(ByteString.copyFrom(owner.publicKey()))
      .setCreatedAtMs(T0 - 1000).setExpiresAtMs(T0 + 86_400_000L).build().toByteArray();
    SignedGenesis genesis = SignedGenesis.newBuilder().setRecord(ByteString.copyFrom(record))
      .setSignature(ByteString.copyFrom(issuer.sign(record))).build();
    return Token.newBuilder().setId(id).setIssuanceId("TEST").setDenomination(denomination).setOwnerId(ownerId)
      .setState(TokenState.ACTIVE).setGenesis(genesis).setTelomere(Telomeres.genesis(id, genesis, owner.publicKey()))
      .setExpiresAtMs(T0 + 86_400_000L).setCreatedAtMs(T0 - 1000).build();
  }

  List<Token> payerTokens(int... denominations) {
    List<Token> tokens = new ArrayList<>();
    for (int i = 0; i < denominations.length; i++) {
      tokens.add(token("P-" + denominations[i] + "-" + i, denominations[i], "p", payerKey));
    }
    return tokens;
  }

  List<Token> payeeTokens(int... denominations) {
    List<Token> tokens = new ArrayList<>();
    for (int i = 0; i < denominations.length; i++) {
      tokens.add(token("R-" + denominations[i] + "-" + i, denominations[i], "r", payeeKey));
    }
    return tokens;
  }

  /** Pays with {@code tokens}, {@code changeUnits} back, {@code hundredths} to the payee; deadline set by the engine. */
  TxPlan plan(List<Token> tokens, long changeUnits, int hundredths) {
    long sent = Exchange.units(tokens);
    return TxPlan.newBuilder()
      .setPayerId("p").setPayerKey(ByteString.copyFrom(payerKey.publicKey())).setPayerNode("node-p")
      .setPayeeId("r").setPayeeKey(ByteString.copyFrom(payeeKey.publicKey())).setPayeeNode("node-r")
      .setAmountHundredths((sent - changeUnits) * 100 + hundredths).addAllTokens(tokens)
      .setUnitsSent(sent).setChangeUnits(changeUnits).setHundredthsToPayee(hundredths)
      .build();
  }
}
