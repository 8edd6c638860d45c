package org.juicetokens.transport.pipe;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerEndpointTest {
  @Test
  void ws_and_wss_endpoints_are_parsed_with_default_port_and_path() {
    assertThat(PeerEndpoint.parse("ws://10.0.0.2:8080/pipe")).isEqualTo(new PeerEndpoint("ws://10.0.0.2:8080/pipe", "10.0.0.2", 8080, "/pipe", false));
    assertThat(PeerEndpoint.parse("wss://node.example")).satisfies(e -> {
      assertThat(e.port()).isEqualTo(443);
      assertThat(e.path()).isEqualTo("/pipe");
      assertThat(e.ssl()).isTrue();
    });
    assertThat(PeerEndpoint.parseAll(List.of("", " ws://a:1/pipe ", "node2", "node3:9090"), 8080))
      .extracting(PeerEndpoint::uri).containsExactly("ws://a:1/pipe", "ws://node2:8080/pipe", "ws://node3:9090/pipe");
  }

  @Test
  void anything_else_is_invalid_argument() {
    for (String bad : List.of("http://a:1/pipe", "a:1", "ws://", "ws://a b", "wss:/x")) {
      assertThatThrownBy(() -> PeerEndpoint.parse(bad)).isInstanceOf(JuiceException.class)
        .extracting(e -> ((JuiceException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
  }
}
