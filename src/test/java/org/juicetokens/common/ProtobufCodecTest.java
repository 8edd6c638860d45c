package org.juicetokens.common;

import io.vertx.core.buffer.Buffer;
import org.juicetokens.foundation.storage.proto.StorePut;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;
import com.google.protobuf.StringValue;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProtobufCodecTest {
  private final ProtobufCodec codec = new ProtobufCodec();

  @Test
  void a_message_survives_the_wire_form_at_any_buffer_position() {
    StorePut put = StorePut.newBuilder().setFamily("kv").setKey(ByteString.copyFromUtf8("k")).setValue(ByteString.copyFromUtf8("v")).setSync(true).build();
    Buffer buffer = Buffer.buffer().appendString("prefix");
    codec.encodeToWire(buffer, put);
    assertThat(codec.decodeFromWire(6, buffer)).isEqualTo(put);
  }

  @Test
  void classes_outside_the_project_are_never_loaded_from_the_wire() {
    Buffer buffer = Buffer.buffer();
    codec.encodeToWire(buffer, StringValue.of("x"));
    assertThatThrownBy(() -> codec.decodeFromWire(0, buffer))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
  }

  @Test
  void unknown_types_and_corrupt_bodies_fail_with_a_code() {
    byte[] name = "org.juicetokens.NoSuchMessage".getBytes(StandardCharsets.UTF_8);
    Buffer unknown = Buffer.buffer().appendInt(name.length).appendBytes(name).appendInt(0);
    assertThatThrownBy(() -> codec.decodeFromWire(0, unknown))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));

    byte[] putName = StorePut.class.getName().getBytes(StandardCharsets.UTF_8);
    Buffer corrupt = Buffer.buffer().appendInt(putName.length).appendBytes(putName).appendInt(3).appendBytes(new byte[]{(byte) 0xff, (byte) 0xff, (byte) 0xff});
    assertThatThrownBy(() -> codec.decodeFromWire(0, corrupt))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_CORRUPTION));
  }

  @Test
  void local_delivery_passes_the_same_immutable_object() {
    StorePut put = StorePut.newBuilder().setFamily("kv").build();
    assertThat(codec.transform(put)).isSameAs(put);
  }
}
