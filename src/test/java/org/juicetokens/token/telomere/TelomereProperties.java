package org.juicetokens.token.telomere;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.token.proto.Telomere;
import org.juicetokens.token.proto.TelomereLink;
import org.juicetokens.token.proto.TelomereLinkSigned;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.juicetokens.token.telomere.TelomereFixture.TOKEN_ID;

/**
 * What any history of transfers keeps (bounded size, verifies) and what any tampering with it
 * (byte flips in every field, reordering, dropping, inserting, replaying, wrong keys) turns into.
 * Ed25519 costs ~60 µs a signature here, so long histories get few tries and short ones many.
 */
class TelomereProperties {

  enum LinkField { SIGNER_KEY, NEW_OWNER_KEY, TX_ID, TIMESTAMP, PREVIOUS_HEAD, SIGNATURE, TRANSFER_NUMBER }

  // ---- bounded and valid ------------------------------------------------------------------

  @Property(tries = 60, edgeCases = EdgeCasesMode.FIRST)
  void any_history_of_up_to_200_transfers_stays_within_the_size_bound_and_verifies(
    @ForAll @IntRange(min = 0, max = 200) int transfers, @ForAll @IntRange(min = 1, max = 10) int tailLinks, @ForAll long seed) {
    assertBoundedAndValid(new TelomereFixture(seed, 3), transfers, tailLinks, new Random(seed), transfers);
  }

  @Property(tries = 3, edgeCases = EdgeCasesMode.NONE)
  void ten_thousand_transfers_stay_within_the_size_bound_and_verify(@ForAll long seed) {
    assertBoundedAndValid(new TelomereFixture(seed, 5), 10_000, TelomereFixture.TAIL, new Random(seed), 997);
  }

  private static void assertBoundedAndValid(TelomereFixture f, int transfers, int tailLinks, Random random, int verifyEvery) {
    int bound = Telomeres.maxEncodedSize(tailLinks);
    Telomere t = f.genesisTelomere;
    for (int i = 1; i <= transfers; i++) {
      t = f.next(t, tailLinks, txId(random, i));
      assertThat(t.getSerializedSize()).isLessThanOrEqualTo(bound);
      if (i % verifyEvery == 0) {
        assertThat(f.verify(t, tailLinks)).isEqualTo(TelomereVerification.ok());
      }
    }
    assertThat(f.verify(t, tailLinks)).isEqualTo(TelomereVerification.ok());
    assertThat(t.getTransfers()).isEqualTo(transfers);
    assertThat(t.getTailCount()).isEqualTo(Math.min(transfers, tailLinks));
    assertThat(t.getComposted()).isEqualTo(Math.max(0, transfers - tailLinks));
    assertThat(t.getOwnerKey().toByteArray()).isEqualTo(f.ownerAfter(transfers).publicKey());
  }

  /** Tx ids of every length up to the maximum, so the bound is exercised, not just typical UUIDs. */
  private static String txId(Random random, int transfer) {
    String base = "tx" + transfer + "-";
    int extra = random.nextInt(Telomeres.MAX_TX_ID_BYTES - base.length() + 1);
    return base + "x".repeat(extra);
  }

  // ---- tampering ------------------------------------------------------------------------

  @Property(tries = 300)
  void flipping_any_byte_of_any_field_of_any_retained_link_is_detected_with_that_fields_reason(
    @ForAll @IntRange(min = 1, max = 25) int transfers, @ForAll @IntRange(min = 1, max = 10) int tailLinks,
    @ForAll LinkField field, @ForAll @IntRange(min = 0, max = 1000) int linkPick, @ForAll @IntRange(min = 0, max = 1000) int bytePick,
    @ForAll @IntRange(min = 1, max = 255) int mask) {
    TelomereFixture f = TelomereFixture.small();
    Telomere t = f.after(transfers, tailLinks);
    int i = linkPick % t.getTailCount();
    Telomere tampered = t.toBuilder().setTail(i, flip(t.getTail(i), field, bytePick, mask)).build();

    TelomereVerification v = f.verify(tampered, tailLinks);
    assertThat(v.valid()).isFalse();
    assertThat(v.reason()).isEqualTo(switch (field) {
      case PREVIOUS_HEAD -> FailureReason.BROKEN_HEAD_CHAIN;
      case TRANSFER_NUMBER -> FailureReason.TRANSFER_COUNT_MISMATCH;
      default -> FailureReason.BAD_LINK_SIGNATURE;
    });
    assertThat(v.failedLink()).isEqualTo(i);
  }

  @Property(tries = 300)
  void flipping_any_byte_of_the_encoded_tail_is_detected(
    @ForAll @IntRange(min = 1, max = 25) int transfers, @ForAll @IntRange(min = 1, max = 10) int tailLinks,
    @ForAll @IntRange(min = 0, max = 100_000) int offsetPick, @ForAll @IntRange(min = 1, max = 255) int mask) throws Exception {
    TelomereFixture f = TelomereFixture.small();
    Telomere t = f.after(transfers, tailLinks);
    byte[] encoded = t.toByteArray();
    // fields 1-3 (three 32-byte values) come first, then the tail entries (field 4)
    int tailStart = 3 * (2 + 32);
    int tailBytes = t.getTailList().stream().mapToInt(link -> CodedOutputStream.computeMessageSize(4, link)).sum();
    assertThat(Telomere.parseFrom(encoded).getTailList()).isEqualTo(t.getTailList());
    encoded[tailStart + offsetPick % tailBytes] ^= (byte) mask;

    TelomereVerification v = Telomeres.verifyEncoded(TOKEN_ID, f.genesis, encoded, VerifyOptions.of(tailLinks));
    assertThat(v.valid()).isFalse();
  }

  @Property(tries = 150)
  void swapping_any_two_retained_links_breaks_the_head_chain(
    @ForAll @IntRange(min = 2, max = 25) int transfers, @ForAll @IntRange(min = 2, max = 10) int tailLinks,
    @ForAll @IntRange(min = 0, max = 1000) int a, @ForAll @IntRange(min = 0, max = 1000) int b) {
    TelomereFixture f = TelomereFixture.small();
    Telomere t = f.after(transfers, tailLinks);
    int i = a % t.getTailCount();
    int j = b % t.getTailCount();
    if (i == j) {
      j = (i + 1) % t.getTailCount();
    }
    Telomere swapped = t.toBuilder().setTail(i, t.getTail(j)).setTail(j, t.getTail(i)).build();

    TelomereVerification v = f.verify(swapped, tailLinks);
    assertThat(v.reason()).isEqualTo(FailureReason.BROKEN_HEAD_CHAIN);
    assertThat(v.failedLink()).isEqualTo(Math.min(i, j));
  }

  @Property(tries = 150)
  void dropping_any_retained_link_is_detected(
    @ForAll @IntRange(min = 1, max = 25) int transfers, @ForAll @IntRange(min = 1, max = 10) int tailLinks,
    @ForAll @IntRange(min = 0, max = 1000) int pick) {
    TelomereFixture f = TelomereFixture.small();
    Telomere t = f.after(transfers, tailLinks);
    int k = pick % t.getTailCount();
    Telomere dropped = t.toBuilder().removeTail(k).build();

    FailureReason expected = t.getTailCount() == 1 ? FailureReason.MALFORMED
      : k == t.getTailCount() - 1 ? FailureReason.TRANSFER_COUNT_MISMATCH : FailureReason.BROKEN_HEAD_CHAIN;
    assertThat(f.verify(dropped, tailLinks).reason()).isEqualTo(expected);
  }

  @Property(tries = 150)
  void inserting_a_copy_of_any_link_anywhere_is_detected(
    @ForAll @IntRange(min = 1, max = 25) int transfers, @ForAll @IntRange(min = 1, max = 10) int tailLinks,
    @ForAll @IntRange(min = 0, max = 1000) int copyPick, @ForAll @IntRange(min = 0, max = 1000) int positionPick) {
    TelomereFixture f = TelomereFixture.small();
    Telomere t = f.after(transfers, tailLinks);
    TelomereLink copy = t.getTail(copyPick % t.getTailCount());
    List<TelomereLink> tail = new ArrayList<>(t.getTailList());
    tail.add(positionPick % (tail.size() + 1), copy);
    Telomere inserted = t.toBuilder().clearTail().addAllTail(tail).build();

    FailureReason expected = t.getTailCount() == tailLinks ? FailureReason.TAIL_TOO_LONG : FailureReason.BROKEN_HEAD_CHAIN;
    assertThat(f.verify(inserted, tailLinks).reason()).isEqualTo(expected);
  }

  @Property(tries = 60)
  void a_link_signed_by_the_owner_but_slipped_in_without_its_transfer_is_detected(
    @ForAll @IntRange(min = 0, max = 25) int transfers, @ForAll @IntRange(min = 2, max = 10) int tailLinks) {
    TelomereFixture f = TelomereFixture.small();
    Telomere t = f.after(transfers, tailLinks);
    Telomere next = f.next(t, tailLinks);
    // the owner's genuine next link, added to the old state without updating count, head or owner
    Telomere slipped = t.toBuilder().addTail(next.getTail(next.getTailCount() - 1)).build();
    // from the genesis state the slipped link also lacks the tail base (the genesis head)
    FailureReason expected = t.getTailCount() == tailLinks ? FailureReason.TAIL_TOO_LONG
      : transfers == 0 ? FailureReason.GENESIS_MISMATCH : FailureReason.TRANSFER_COUNT_MISMATCH;
    assertThat(f.verify(slipped, tailLinks).reason()).isEqualTo(expected);
  }

  @Property(tries = 100)
  void replaying_any_older_state_against_the_index_is_a_replay(
    @ForAll @IntRange(min = 1, max = 25) int transfers, @ForAll @IntRange(min = 1, max = 10) int tailLinks,
    @ForAll @IntRange(min = 0, max = 1000) int olderPick) {
    TelomereFixture f = TelomereFixture.small();
    List<Telomere> states = f.states(transfers, tailLinks);
    Telomere newest = states.get(transfers);
    Telomere older = states.get(olderPick % transfers);
    VerifyOptions indexed = VerifyOptions.of(tailLinks).withIndex(transfers, newest.getHead().toByteArray());

    assertThat(f.verify(older, tailLinks).valid()).isTrue();
    assertThat(Telomeres.verify(TOKEN_ID, f.genesis, older, indexed).reason()).isEqualTo(FailureReason.REPLAY);
    assertThat(Telomeres.verify(TOKEN_ID, f.genesis, newest, indexed).valid()).isTrue();
  }

  @Property(tries = 100)
  void a_retained_link_re_signed_with_a_wrong_key_is_detected(
    @ForAll @IntRange(min = 1, max = 25) int transfers, @ForAll @IntRange(min = 1, max = 10) int tailLinks,
    @ForAll @IntRange(min = 0, max = 1000) int linkPick, @ForAll boolean claimOwnKey, @ForAll long seed) {
    TelomereFixture f = TelomereFixture.small();
    Ed25519.PrivateKey mallory = TelomereFixture.key(new Random(seed));
    Telomere t = f.after(transfers, tailLinks);
    int i = linkPick % t.getTailCount();
    TelomereLink link = t.getTail(i);
    TelomereLink.Builder forged = link.toBuilder()
      .setSignature(ByteString.copyFrom(mallory.sign(Telomeres.signedBytes(TOKEN_ID, link))));
    if (claimOwnKey) {
      forged.setSignerPublicKey(ByteString.copyFrom(mallory.publicKey()));
    }
    TelomereVerification v = f.verify(t.toBuilder().setTail(i, forged).build(), tailLinks);

    assertThat(v.valid()).isFalse();
    if (!claimOwnKey) {
      assertThat(v.reason()).isEqualTo(FailureReason.BAD_LINK_SIGNATURE);
    } else if (i > 0 || t.getComposted() == 0) {
      assertThat(v.reason()).isEqualTo(FailureReason.WRONG_SIGNER);
    } else {
      // the owner before the oldest retained link is composted: the changed link no longer leads to the head
      assertThat(v.reason()).isIn(FailureReason.BROKEN_HEAD_CHAIN, FailureReason.HEAD_MISMATCH);
    }
  }

  @Property(tries = 60)
  void appending_a_link_signed_with_a_wrong_key_is_refused(
    @ForAll @IntRange(min = 0, max = 25) int transfers, @ForAll long seed, @ForAll boolean claimOwnKey) {
    TelomereFixture f = TelomereFixture.small();
    Ed25519.PrivateKey mallory = TelomereFixture.key(new Random(seed));
    Telomere t = f.after(transfers, TelomereFixture.TAIL);
    TelomereLinkSigned signed = Telomeres.linkToSign(TOKEN_ID, t, mallory.publicKey(), "tx-steal", 1);
    byte[] claimed = claimOwnKey ? mallory.publicKey() : t.getOwnerKey().toByteArray();

    assertThatThrownBy(() -> Telomeres.append(t, signed, claimed, mallory.sign(signed.toByteArray()), TelomereFixture.TAIL))
      .isInstanceOfSatisfying(JuiceException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(e.details().get("reason")).isEqualTo(claimOwnKey ? "WRONG_SIGNER" : "BAD_LINK_SIGNATURE");
      });
  }

  @Example
  void a_ten_link_telomere_with_uuid_tx_ids_is_well_below_the_bound() {
    TelomereFixture f = TelomereFixture.small();
    Telomere t = f.genesisTelomere;
    for (int i = 0; i < 25; i++) {
      t = f.next(t, TelomereFixture.TAIL, new java.util.UUID(i, i).toString());
    }
    // 10 links of ~220 bytes + fixed fields: about two thirds of the worst case
    assertThat(t.getSerializedSize()).isBetween(2_000, 2_600);
  }

  private static TelomereLink flip(TelomereLink link, LinkField field, int bytePick, int mask) {
    TelomereLink.Builder b = link.toBuilder();
    switch (field) {
      case SIGNER_KEY -> b.setSignerPublicKey(flip(link.getSignerPublicKey(), bytePick, mask));
      case NEW_OWNER_KEY -> b.setNewOwnerKey(flip(link.getNewOwnerKey(), bytePick, mask));
      case PREVIOUS_HEAD -> b.setPreviousHead(flip(link.getPreviousHead(), bytePick, mask));
      case SIGNATURE -> b.setSignature(flip(link.getSignature(), bytePick, mask));
      case TX_ID -> {
        // stays ASCII so the string is still valid UTF-8 (invalid UTF-8 does not even decode)
        byte[] tx = link.getTxId().getBytes(StandardCharsets.US_ASCII);
        int m = mask & 0x7f;
        tx[bytePick % tx.length] ^= (byte) (m == 0 ? 1 : m);
        b.setTxId(new String(tx, StandardCharsets.US_ASCII));
      }
      case TIMESTAMP -> b.setTimestampMs(link.getTimestampMs() ^ ((long) mask << (8 * (bytePick % 8))));
      case TRANSFER_NUMBER -> b.setTransferNumber(link.getTransferNumber() ^ ((long) mask << (8 * (bytePick % 8))));
      default -> throw new IllegalArgumentException(field.name());
    }
    return b.build();
  }

  private static ByteString flip(ByteString value, int bytePick, int mask) {
    byte[] bytes = value.toByteArray();
    bytes[bytePick % bytes.length] ^= (byte) mask;
    return ByteString.copyFrom(bytes);
  }
}
