package org.juicetokens.transport.discovery;

import com.google.protobuf.ByteString;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.DhtVerifiers;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.node.NodeKey;
import org.juicetokens.transport.discovery.proto.PeerAdvertisement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdvertisementVerifierTest {
  private static final String MAP = DhtMaps.PEER_ADVERTISEMENTS;
  private final NodeKey key = NodeKey.ephemeral();
  private final DhtVerifiers verifiers = new DhtVerifiers();

  AdvertisementVerifierTest() {
    verifiers.register(MAP, new AdvertisementVerifier(), true);
  }

  private PeerAdvertisement ad(String nodeId, NodeKey of) {
    return PeerAdvertisement.newBuilder().setNodeId(nodeId).setNodePublicKey(ByteString.copyFrom(of.publicKey()))
      .addAddresses("127.0.0.1:8080").setPipeEndpoint("ws://127.0.0.1:8080/pipe").setVersion("0.1.0").setClusterName("c")
      .setIssuedAtMs(1_000).build();
  }

  /** The entry the DHT would store for a put. */
  static DhtEntry entryOf(DhtPutRequest put) {
    return DhtEntry.newBuilder().setValue(put.getValue()).setWrittenAtMs(put.getWrittenAtMs()).setSignerId(put.getSignerId())
      .setSignerPublicKey(put.getSignerPublicKey()).setSignature(put.getSignature()).build();
  }

  @Test
  void an_advertisement_signed_by_its_node_is_valid() {
    DhtPutRequest put = Advertisements.signedPut(ad("b", key), key, 30);

    assertThat(verifiers.check(MAP, "b", entryOf(put))).isEqualTo(DhtVerifiers.Verdict.VALID);
    assertThat(put.getTtlSeconds()).isEqualTo(30);
  }

  @Test
  void a_changed_advertisement_no_longer_verifies() {
    DhtPutRequest put = Advertisements.signedPut(ad("b", key), key, 30);
    PeerAdvertisement redirected = ad("b", key).toBuilder().setPipeEndpoint("ws://evil:1/pipe").build();
    DhtEntry forged = entryOf(put).toBuilder().setValue(redirected.toByteString()).build();

    assertThat(verifiers.check(MAP, "b", forged)).isEqualTo(DhtVerifiers.Verdict.BAD_SIGNATURE);
  }

  @Test
  void an_advertisement_for_another_node_signed_with_the_signers_own_key_is_refused() {
    NodeKey evil = NodeKey.ephemeral();
    // evil claims to be b, signs with its own key, and names its key as b's
    DhtPutRequest put = Advertisements.signedPut(ad("b", evil), evil, 30);
    assertThat(verifiers.check(MAP, "b", entryOf(put))).isEqualTo(DhtVerifiers.Verdict.VALID);
    // ...which only works until b's real key is compared: names b's key, signed by evil
    DhtEntry claimsBKey = entryOf(put).toBuilder().setValue(ad("b", key).toByteString()).build();
    assertThat(verifiers.check(MAP, "b", claimsBKey)).isEqualTo(DhtVerifiers.Verdict.BAD_SIGNATURE);
  }

  @Test
  void a_valid_advertisement_moved_to_another_key_is_refused() {
    DhtPutRequest put = Advertisements.signedPut(ad("b", key), key, 30);

    assertThat(verifiers.check(MAP, "c", entryOf(put))).isEqualTo(DhtVerifiers.Verdict.BAD_SIGNATURE);
  }

  @Test
  void an_unsigned_entry_is_refused_in_the_signed_only_map() {
    DhtEntry unsigned = DhtEntry.newBuilder().setValue(ad("b", key).toByteString()).build();

    assertThat(verifiers.check(MAP, "b", unsigned)).isEqualTo(DhtVerifiers.Verdict.SIGNATURE_REQUIRED);
  }

  @Test
  void garbage_in_the_value_is_refused_not_thrown() {
    DhtPutRequest put = Advertisements.signedPut(ad("b", key), key, 30);
    DhtEntry garbage = entryOf(put).toBuilder().setValue(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01, 0x02})).build();

    assertThat(verifiers.check(MAP, "b", garbage)).isEqualTo(DhtVerifiers.Verdict.BAD_SIGNATURE);
  }

  @Test
  void reader_checks_refuse_a_replayed_old_or_foreign_advertisement() {
    PeerAdvertisement ad = ad("b", key);

    assertThat(Advertisements.rejection(ad, "b", "c", 2_000, 60_000)).isNull();
    assertThat(Advertisements.rejection(ad, "b", "c", 100_000, 60_000)).isEqualTo(Rejections.STALE);
    assertThat(Advertisements.rejection(ad, "b", "other", 2_000, 60_000)).isEqualTo(Rejections.WRONG_CLUSTER);
  }
}
