package org.juicetokens.lifecycle.renewal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.Cli;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.testing.HttpApi;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.token.proto.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.lifecycle.renewal.RenewalTestSupport.*;

/** POST /api/v1/tokens/{id}:renew, GET /api/v1/identities/{id}/notices, bin/juice renew and notices; the admin section. */
class RenewalApiTest {

  @Test
  void renewal_and_notices_over_http_and_the_command_line(@TempDir Path tmp) throws Exception {
    Map<String, String> settings = new HashMap<>(SETTINGS);
    settings.put("renewal.lifetimeDays", "8"); // the 7-day notice of a replacement falls due 1 s after its renewal
    JuiceNode node = InJvmClusters.start(InJvmClusters.settings(tmp, "solo", "test-" + UUID.randomUUID(), FreePorts.next(), "", settings));
    try {
      int port = node.httpPort();
      String at = "localhost:" + port;
      String owner = identity(node, "owner");
      String other = identity(node, "other");
      Token token = mint(node, owner, owner, 5, 1).get(0);

      HttpApi.call(port, "POST", "/api/v1/tokens/" + token.getId() + ":renew", new JsonObject().put("requesterId", other), 403);
      JsonObject renewed = HttpApi.call(port, "POST", "/api/v1/tokens/" + token.getId() + ":renew",
        new JsonObject().put("requesterId", owner), 200);
      String freshId = renewed.getJsonObject("newToken").getString("id");
      assertThat(freshId).isNotEqualTo(token.getId());
      HttpApi.call(port, "POST", "/api/v1/tokens/" + token.getId() + ":renew", new JsonObject().put("requesterId", owner), 409);

      assertThat(Cli.expect(1, "renew", freshId, "--requester", other, "--node", at)).contains("not the owner");
      assertThat(Cli.expect(0, "renew", freshId, "--requester", owner, "--node", at)).contains("renewed " + freshId + " -> ");

      eventually("a notice", () -> RenewalClusterTest.quietly(() ->
        HttpApi.call(port, "GET", "/api/v1/identities/" + owner + "/notices", null, 200).getJsonArray("notices", new JsonArray()).size() >= 1));
      JsonObject first = HttpApi.call(port, "GET", "/api/v1/identities/" + owner + "/notices?limit=1", null, 200)
        .getJsonArray("notices").getJsonObject(0);
      assertThat(first.getInteger("daysBefore")).isEqualTo(7);
      HttpApi.call(port, "GET", "/api/v1/identities/" + owner + "/notices?limit=x", null, 400);
      assertThat(Cli.expect(0, "notices", owner, "--node", at)).contains("7-day notice");

      JsonObject section = RenewalAdminSection.toJson(ask(node, org.juicetokens.common.Addresses.RENEWAL_STATS,
        org.juicetokens.lifecycle.renewal.proto.RenewalStatsRequest.getDefaultInstance(), org.juicetokens.lifecycle.renewal.proto.RenewalStats.class));
      assertThat(section.getLong("renewals")).isGreaterThanOrEqualTo(4);
      assertThat(section.getLong("notices")).isGreaterThanOrEqualTo(1);
      assertThat(section.getJsonArray("byAge").getJsonObject(0).getString("age")).isEqualTo("<30d");
    } finally {
      InJvmClusters.closeAll(List.of(node));
    }
  }
}
