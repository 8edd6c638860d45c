package org.juicetokens.token.telomere;

import com.google.protobuf.ByteString;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.token.proto.GenesisRecord;
import org.juicetokens.token.proto.SignedGenesis;
import org.juicetokens.token.proto.Telomere;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A minted token and its owners, with deterministic keys, for the telomere tests (and other layers' tests). */
public final class TelomereFixture {
  public static final String TOKEN_ID = "89c25-TEST-5-001";
  public static final int TAIL = 10;

  public final Ed25519.PrivateKey issuer;
  public final List<Ed25519.PrivateKey> owners = new ArrayList<>();
  public final SignedGenesis genesis;
  public final Telomere genesisTelomere;

  public TelomereFixture(long seed, int ownerCount) {
    Random random = new Random(seed);
    issuer = key(random);
    for (int i = 0; i < ownerCount; i++) {
      owners.add(key(random));
    }
    genesis = signedGenesis(TOKEN_ID, issuer, owners.get(0));
    genesisTelomere = Telomeres.genesis(TOKEN_ID, genesis, owners.get(0).publicKey());
  }

  public static TelomereFixture small() {
    return new TelomereFixture(42, 4);
  }

  public static Ed25519.PrivateKey key(Random random) {
    byte[] seed = new byte[Ed25519.PRIVATE_KEY_BYTES];
    random.nextBytes(seed);
    return Ed25519.privateKey(seed);
  }

  public static SignedGenesis signedGenesis(String tokenId, Ed25519.PrivateKey issuer, Ed25519.PrivateKey owner) {
    byte[] record = GenesisRecord.newBuilder()
      .setTokenId(tokenId).setDenomination(5).setIssuerId("issuer").setIssuerKey(ByteString.copyFrom(issuer.publicKey()))
      .setOwnerId("owner").setOwnerKey(ByteString.copyFrom(owner.publicKey()))
      .setCreatedAtMs(1_700_000_000_000L).setExpiresAtMs(1_731_536_000_000L)
      .build().toByteArray();
    return SignedGenesis.newBuilder().setRecord(ByteString.copyFrom(record)).setSignature(ByteString.copyFrom(issuer.sign(record))).build();
  }

  /** The owner after {@code transfer} transfers: owners cycle 0, 1, 2, ... */
  public Ed25519.PrivateKey ownerAfter(long transfer) {
    return owners.get((int) (transfer % owners.size()));
  }

  /** The telomere after one more transfer, to the next owner in the cycle. */
  public Telomere next(Telomere t, int tailLinks) {
    return next(t, tailLinks, "tx-" + (t.getTransfers() + 1));
  }

  public Telomere next(Telomere t, int tailLinks, String txId) {
    return Telomeres.transform(TOKEN_ID, t, ownerAfter(t.getTransfers()), ownerAfter(t.getTransfers() + 1).publicKey(),
      txId, 1_700_000_000_000L + t.getTransfers(), tailLinks);
  }

  /** Every state from genesis to {@code transfers} transfers (index = transfer count). */
  public List<Telomere> states(int transfers, int tailLinks) {
    List<Telomere> states = new ArrayList<>(transfers + 1);
    Telomere t = genesisTelomere;
    states.add(t);
    for (int i = 0; i < transfers; i++) {
      t = next(t, tailLinks);
      states.add(t);
    }
    return states;
  }

  public Telomere after(int transfers, int tailLinks) {
    Telomere t = genesisTelomere;
    for (int i = 0; i < transfers; i++) {
      t = next(t, tailLinks);
    }
    return t;
  }

  public TelomereVerification verify(Telomere t, int tailLinks) {
    return Telomeres.verify(TOKEN_ID, genesis, t, VerifyOptions.of(tailLinks).withIssuerKey(issuer.publicKey()));
  }
}
