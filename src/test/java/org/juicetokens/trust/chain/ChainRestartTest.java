package org.juicetokens.trust.chain;

import com.google.protobuf.ByteString;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.Errors;
import org.juicetokens.common.JuiceException;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.Cli;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.trust.chain.proto.ChainAppendReply;
import org.juicetokens.trust.chain.proto.ChainAppendRequest;
import org.juicetokens.trust.chain.proto.ChainEntryType;
import org.juicetokens.trust.chain.proto.ChainVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.trust.chain.ChainNodeSupport.ask;
import static org.juicetokens.trust.chain.ChainNodeSupport.eventually;
import static org.juicetokens.trust.chain.ChainNodeSupport.identity;
import static org.juicetokens.trust.chain.ChainNodeSupport.types;
import static org.juicetokens.trust.chain.ChainNodeSupport.verify;

/** One node: a chain recorded at identity creation, appended idempotently, survives a restart on the same data dir. */
class ChainRestartTest {

  private static JuiceException failure(JuiceNode node, ChainAppendRequest request) {
    try {
      ask(node, Addresses.CHAIN_APPEND, request, ChainAppendReply.class);
      throw new AssertionError("append succeeded: " + request);
    } catch (AssertionError e) {
      throw e;
    } catch (Exception e) {
      return Errors.toJuice(e);
    }
  }

  @Test
  void the_chain_survives_a_restart_of_the_home_node_and_its_head_is_published_again(@TempDir Path tmp) throws Exception {
    Map<String, String> settings = InJvmClusters.settings(tmp, "solo", "test-" + UUID.randomUUID(), FreePorts.next(), "", Map.of());
    JuiceNode node = InJvmClusters.start(settings);
    String id;
    try {
      id = identity(node, "carol");
      eventually("CREATED recorded", () -> types(node, id).equals(List.of(ChainEntryType.CREATED)));
      ChainAppendRequest renewal = ChainAppendRequest.newBuilder().setIdentityId(id).setType(ChainEntryType.RENEWAL)
        .setPayloadHash(ByteString.copyFrom(new byte[32])).setDedupKey("renewal-1").build();
      assertThat(ask(node, Addresses.CHAIN_APPEND, renewal, ChainAppendReply.class).getHead().getSequence()).isEqualTo(2);
      ChainAppendReply again = ask(node, Addresses.CHAIN_APPEND, renewal, ChainAppendReply.class);
      assertThat(again.getDuplicate()).isTrue();
      assertThat(again.getHead().getSequence()).isEqualTo(2);

      assertThat(failure(node, renewal.toBuilder().setPayloadHash(ByteString.copyFrom(new byte[3])).build()).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(failure(node, renewal.toBuilder().setType(ChainEntryType.CHAIN_ENTRY_TYPE_UNSPECIFIED).build()).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(failure(node, renewal.toBuilder().setIdentityId("00".repeat(20)).build()).code()).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(types(node, id)).as("refused appends change nothing").hasSize(2);
    } finally {
      node.close().await();
    }

    Map<String, String> restart = InJvmClusters.settings(tmp, "solo", "test-" + UUID.randomUUID(), FreePorts.next(), "", Map.of());
    JuiceNode again = InJvmClusters.start(restart);
    try {
      assertThat(types(again, id)).containsExactly(ChainEntryType.CREATED, ChainEntryType.RENEWAL);
      ChainVerdict verdict = verify(again, id);
      assertThat(verdict.getValid()).as(verdict.getReason()).isTrue();
      assertThat(verdict.getLength()).isEqualTo(2);
      String at = "127.0.0.1:" + again.httpPort();
      assertThat(Cli.expect(0, "chain", "show", id, "--node", at)).contains("CREATED").contains("RENEWAL");
      assertThat(Cli.expect(0, "chain", "verify", id, "--node", at)).contains("valid, length 2");
    } finally {
      again.close().await();
    }
  }
}
