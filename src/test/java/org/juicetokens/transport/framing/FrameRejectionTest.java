package org.juicetokens.transport.framing;

import com.github.luben.zstd.Zstd;
import com.google.protobuf.ByteString;
import io.vertx.core.buffer.Buffer;
import org.juicetokens.transport.framing.proto.Chunk;
import org.juicetokens.transport.framing.proto.Compression;
import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.MessageFrame;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.transport.framing.FramingTesting.forged;
import static org.juicetokens.transport.framing.FramingTesting.random;
import static org.juicetokens.transport.framing.proto.TransportErrorCode.CORRUPTION;
import static org.juicetokens.transport.framing.proto.TransportErrorCode.PROTOCOL_ERROR;
import static org.juicetokens.transport.framing.proto.TransportErrorCode.RESOURCE_EXHAUSTED;
import static org.juicetokens.transport.framing.proto.TransportErrorCode.TIMEOUT;

/** Every way a frame can be wrong: the TransportError it yields and the reason it is counted under. */
class FrameRejectionTest {
  private final FramingTesting t = FramingTesting.small();

  private MessageFrame single() {
    return t.codec.encode(FrameType.DATA, "t.T", random(100, 1)).get(0);
  }

  private List<MessageFrame> chunked(int size, long seed) {
    return t.codec.encode(FrameType.DATA, "t.T", random(size, seed));
  }

  private Decoded raw(int... bytes) {
    Buffer buffer = Buffer.buffer();
    for (int b : bytes) {
      buffer.appendByte((byte) b);
    }
    return t.decoder.decode(buffer, 0);
  }

  @Test
  void empty_unit_is_truncated() {
    t.assertRejected(t.decoder.decode(Buffer.buffer(), 0), CORRUPTION, "truncated");
  }

  @Test
  void unit_shorter_than_its_length_prefix_declares_is_truncated() {
    Buffer wire = FramingTesting.wire(single());
    t.assertRejected(t.decoder.decode(wire.slice(0, wire.length() - 1), 0), CORRUPTION, "truncated");
  }

  @Test
  void unfinished_length_prefix_is_truncated() {
    t.assertRejected(raw(0x80, 0x80), CORRUPTION, "truncated");
  }

  @Test
  void bytes_after_the_declared_length_are_a_bad_length() {
    Buffer wire = Buffer.buffer().appendBuffer(FramingTesting.wire(single())).appendByte((byte) 0);
    t.assertRejected(t.decoder.decode(wire, 0), CORRUPTION, "bad_length");
  }

  @Test
  void six_byte_length_prefix_is_a_bad_length() {
    t.assertRejected(raw(0x81, 0x80, 0x80, 0x80, 0x80, 0x00), CORRUPTION, "bad_length");
  }

  @Test
  void zero_length_is_a_bad_length() {
    t.assertRejected(raw(0x00), CORRUPTION, "bad_length");
  }

  @Test
  void bytes_that_are_no_message_frame_are_malformed() {
    t.assertRejected(raw(3, 0xff, 0xff, 0xff), CORRUPTION, "malformed");
  }

  @Test
  void flipped_payload_bit_is_a_bad_checksum() {
    byte[] wire = FramingTesting.wire(single()).getBytes();
    wire[wire.length - 20] ^= 0x10;
    t.assertRejected(t.decoder.decode(Buffer.buffer(wire), 0), CORRUPTION, "bad_checksum");
  }

  @Test
  void changed_compression_without_a_new_checksum_is_a_bad_checksum() {
    MessageFrame frame = t.codec.encode(FrameType.DATA, "t.T", FramingTesting.text(2000, 2)).get(0);
    assertThat(frame.getCompression()).isEqualTo(Compression.ZSTD);
    t.assertRejected(t.decode(frame.toBuilder().setCompression(Compression.COMPRESSION_NONE).build()), CORRUPTION, "bad_checksum");
  }

  @Test
  void other_protocol_version_is_unknown() {
    t.assertRejected(t.decode(forged(single(), f -> f.setProtocolVersion(2))), PROTOCOL_ERROR, "unknown_version");
  }

  @Test
  void unknown_or_missing_frame_type_is_refused() {
    t.assertRejected(t.decode(forged(single(), f -> f.setFrameTypeValue(9))), PROTOCOL_ERROR, "unknown_type");
    Decoded unspecified = t.decode(forged(single(), f -> f.setFrameType(FrameType.FRAME_TYPE_UNSPECIFIED)));
    assertThat(((Decoded.Rejected) unspecified).error().getReason()).isEqualTo("unknown_type");
  }

  @Test
  void unknown_compression_is_refused() {
    t.assertRejected(t.decode(forged(single(), f -> f.setCompressionValue(7))), PROTOCOL_ERROR, "unknown_compression");
  }

  @Test
  void frame_above_the_frame_limit_is_oversize() {
    // a prefix declaring 4097 bytes is refused before anything is read or allocated
    t.assertRejected(raw(0x81, 0x20, 1, 2, 3), RESOURCE_EXHAUSTED, "oversize");
  }

  @Test
  void more_chunks_than_a_message_can_have_is_oversize() {
    MessageFrame chunk = chunked(5000, 3).get(0);
    t.assertRejected(t.decode(forged(chunk, f -> f.setChunk(f.getChunk().toBuilder().setTotal(1000)))), RESOURCE_EXHAUSTED, "oversize");
  }

  @Test
  void zstd_bomb_is_oversize_before_anything_is_allocated() {
    byte[] bomb = Zstd.compress(new byte[65 * 1024], 3); // declares 65 KiB, the limit is 64 KiB
    MessageFrame frame = forged(single(), f -> f.setCompression(Compression.ZSTD).setPayload(ByteString.copyFrom(bomb)));
    t.assertRejected(t.decode(frame), RESOURCE_EXHAUSTED, "oversize");
  }

  @Test
  void gzip_bomb_is_oversize() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(new byte[10 << 20]); // 10 MiB of zeros in about 10 KiB: too big for one 4 KiB frame, so 1 MiB
    }
    ByteArrayOutputStream small = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(small)) {
      gz.write(new byte[1 << 20]);
    }
    assertThat(small.size()).isLessThan(3000);
    MessageFrame frame = forged(single(), f -> f.setCompression(Compression.GZIP).setPayload(ByteString.copyFrom(small.toByteArray())));
    t.assertRejected(t.decode(frame), RESOURCE_EXHAUSTED, "oversize");
  }

  @Test
  void chunks_adding_up_to_more_than_the_message_limit_are_oversize() {
    MessageFrame chunk = chunked(5000, 4).get(0);
    Decoded last = null;
    for (int i = 0; i < 17; i++) { // 17 × ~4 KiB > 64 KiB, all under one frame id
      int index = i;
      last = t.decode(forged(chunk, f -> f.setChunk(f.getChunk().toBuilder().setIndex(index).setTotal(17))));
    }
    t.assertRejected(last, RESOURCE_EXHAUSTED, "oversize");
    assertThat(t.decoder.partials()).isZero();
    assertThat(t.decoder.bufferedBytes()).isZero();
  }

  @Test
  void damaged_compressed_payload_is_a_decompression_failure() {
    MessageFrame frame = forged(single(), f -> f.setCompression(Compression.GZIP));
    t.assertRejected(t.decode(frame), CORRUPTION, "decompression");
    Decoded zstd = t.decode(forged(single(), f -> f.setCompression(Compression.ZSTD)));
    assertThat(((Decoded.Rejected) zstd).error().getReason()).isEqualTo("decompression");
  }

  @Test
  void chunk_index_outside_the_total_is_refused() {
    MessageFrame chunk = chunked(5000, 5).get(0);
    t.assertRejected(t.decode(forged(chunk, f -> f.setChunk(f.getChunk().toBuilder().setIndex(2)))), PROTOCOL_ERROR, "chunk_index");
    Decoded totalOne = t.decode(forged(chunk, f -> f.setChunk(f.getChunk().toBuilder().setIndex(0).setTotal(1))));
    assertThat(((Decoded.Rejected) totalOne).error().getReason()).isEqualTo("chunk_index");
  }

  @Test
  void chunk_disagreeing_with_the_earlier_chunks_is_a_mismatch() {
    List<MessageFrame> frames = chunked(5000, 6);
    assertThat(t.decode(frames.get(0))).isInstanceOf(Decoded.Pending.class);
    MessageFrame other = forged(frames.get(1), f -> f.setChunk(f.getChunk().toBuilder().setWholeHash(ByteString.copyFrom(new byte[32]))));
    t.assertRejected(t.decode(other), PROTOCOL_ERROR, "chunk_mismatch");
    assertThat(((Decoded.Complete) t.decode(frames.get(1))).message()).isEqualTo(random(5000, 6));
  }

  @Test
  void the_same_chunk_twice_is_a_duplicate() {
    List<MessageFrame> frames = chunked(9000, 7);
    t.decode(frames.get(0));
    t.assertRejected(t.decode(frames.get(0)), PROTOCOL_ERROR, "duplicate_chunk");
    assertThat(t.decoder.partials()).isEqualTo(1);
  }

  @Test
  void reassembled_message_with_another_hash_is_a_hash_mismatch() {
    List<MessageFrame> frames = chunked(5000, 8);
    ByteString wrong = ByteString.copyFrom(random(32, 9));
    for (MessageFrame frame : frames.subList(0, frames.size() - 1)) {
      t.decode(forged(frame, f -> f.setChunk(f.getChunk().toBuilder().setWholeHash(wrong))));
    }
    MessageFrame last = forged(frames.get(frames.size() - 1), f -> f.setChunk(f.getChunk().toBuilder().setWholeHash(wrong)));
    t.assertRejected(t.decode(last), CORRUPTION, "hash_mismatch");
    assertThat(t.decoder.partials()).isZero();
  }

  @Test
  void partial_message_beyond_the_partial_limit_is_refused() {
    for (int i = 0; i < 4; i++) {
      assertThat(t.decode(chunked(5000, 10 + i).get(0))).isInstanceOf(Decoded.Pending.class);
    }
    t.assertRejected(t.decode(chunked(5000, 20).get(0)), RESOURCE_EXHAUSTED, "too_many_partials");
    assertThat(t.decoder.partials()).isEqualTo(4);
  }

  @Test
  void expired_partials_make_room_for_new_ones() {
    for (int i = 0; i < 4; i++) {
      t.decode(chunked(5000, 30 + i).get(0));
    }
    List<MessageFrame> late = chunked(5000, 40);
    assertThat(t.decoder.decode(FramingTesting.wire(late.get(0)), 1001)).isInstanceOf(Decoded.Pending.class);
    assertThat(t.decoder.partials()).isEqualTo(1);
    assertThat(t.rejected("expired")).isEqualTo(4);
  }

  @Test
  void partial_older_than_the_ttl_expires_with_a_timeout() {
    List<MessageFrame> frames = chunked(5000, 50);
    t.decode(frames.get(0));
    assertThat(t.decoder.expire(1000)).isZero();
    assertThat(t.decoder.expire(1001)).isEqualTo(1);
    assertThat(t.decoder.partials()).isZero();
    assertThat(t.decoder.bufferedBytes()).isZero();
    assertThat(t.rejected("expired")).isEqualTo(1);
    var latest = t.metrics.snapshot().getLatest(0);
    assertThat(latest.getCode()).isEqualTo(TIMEOUT.name());
    assertThat(latest.getDetail()).contains("1 of 2 chunks");
    // the rest of the expired message starts a new partial, which never completes alone
    assertThat(t.decoder.decode(FramingTesting.wire(frames.get(1)), 1002)).isInstanceOf(Decoded.Pending.class);
  }

  @Test
  void partials_holding_more_than_two_whole_messages_are_refused() {
    FramingTesting big = new FramingTesting(new FramingLimits(4096, 8192, 64, 1000, 256, Compression.ZSTD));
    Decoded last = null;
    for (int i = 0; i < 5; i++) { // five first chunks of ~4 KiB > 2 × 8 KiB
      last = big.decode(big.codec.encode(FrameType.DATA, "t.T", random(8000, 60 + i)).get(0));
    }
    big.assertRejected(last, RESOURCE_EXHAUSTED, "buffer_full");
    assertThat(big.decoder.bufferedBytes()).isLessThanOrEqualTo(16384);
  }

  @Test
  void rejections_are_listed_newest_first_with_their_details() {
    raw(0x00);
    t.decode(forged(single(), f -> f.setProtocolVersion(7)));
    var stats = t.metrics.snapshot();
    assertThat(stats.getRejected()).isEqualTo(2);
    assertThat(stats.getLatest(0).getReason()).isEqualTo("unknown_version");
    assertThat(stats.getLatest(0).getDetail()).contains("protocol version 7");
    assertThat(stats.getLatest(1).getReason()).isEqualTo("bad_length");
    assertThat(stats.getParseSuccessRate()).isZero();
  }

  @Test
  void unknown_reasons_are_counted_as_other_to_keep_the_labels_bounded() {
    t.metrics.rejected(CORRUPTION, "made-up-" + System.nanoTime(), "x");
    assertThat(t.rejected("other")).isEqualTo(1);
    for (int i = 0; i < 30; i++) {
      t.metrics.rejected(CORRUPTION, "truncated", "n" + i);
    }
    var latest = t.metrics.snapshot().getLatestList();
    assertThat(latest).hasSize(FrameMetrics.LATEST);
    assertThat(latest.get(0).getDetail()).isEqualTo("n29");
  }

  @Test
  void chunk_with_a_short_whole_hash_is_a_mismatch() {
    MessageFrame chunk = chunked(5000, 70).get(0);
    MessageFrame bad = forged(chunk, f -> f.setChunk(Chunk.newBuilder().setIndex(0).setTotal(2).setWholeHash(ByteString.copyFrom(new byte[5]))));
    t.assertRejected(t.decode(bad), PROTOCOL_ERROR, "chunk_mismatch");
  }
}
