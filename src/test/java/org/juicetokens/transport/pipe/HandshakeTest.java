package org.juicetokens.transport.pipe;

import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.MessageFrame;
import org.juicetokens.transport.framing.proto.TransportErrorCode;
import org.juicetokens.transport.pipe.proto.PipeHello;
import org.juicetokens.transport.pipe.proto.PipeWelcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeTest {
  private static final MessageFrame CONTROL = MessageFrame.newBuilder().setFrameType(FrameType.CONTROL).build();

  @Test
  void a_valid_hello_is_accepted() {
    PipeHello hello = PipeHello.newBuilder().setNodeId("node-a").setProtocolVersion(1).setResumptionToken("tok").build();
    Handshake.Parsed<PipeHello> parsed = Handshake.hello(CONTROL, Handshake.HELLO, hello.toByteArray());
    assertThat(parsed.ok()).isTrue();
    assertThat(parsed.message()).isEqualTo(hello);
    assertThat(Handshake.frames(TestFrames.encoder(1024), hello)).singleElement()
      .satisfies(f -> assertThat(f.getMessageType()).isEqualTo(Handshake.HELLO));
  }

  @Test
  void wrong_first_frame_unknown_version_bad_node_id_and_garbage_are_protocol_errors() {
    byte[] v2 = PipeHello.newBuilder().setNodeId("a").setProtocolVersion(2).build().toByteArray();
    byte[] badId = PipeHello.newBuilder().setNodeId("a b/../").setProtocolVersion(1).build().toByteArray();
    MessageFrame data = MessageFrame.newBuilder().setFrameType(FrameType.DATA).build();
    assertThat(Handshake.hello(data, Handshake.HELLO, v2).error().getCode()).isEqualTo(TransportErrorCode.PROTOCOL_ERROR);
    assertThat(Handshake.hello(CONTROL, Handshake.HELLO, v2).error().getDetail()).contains("version 2");
    assertThat(Handshake.hello(CONTROL, Handshake.HELLO, badId).ok()).isFalse();
    assertThat(Handshake.hello(CONTROL, Handshake.HELLO, new byte[] {(byte) 0xff, 1, 2}).ok()).isFalse();
    assertThat(Handshake.welcome(CONTROL, Handshake.WELCOME, PipeWelcome.newBuilder().setNodeId("b").build().toByteArray()).ok()).isFalse();
  }

  @Test
  void tokens_are_long_and_distinct() {
    assertThat(Handshake.newToken()).hasSize(43).isNotEqualTo(Handshake.newToken());
  }
}
