package org.juicetokens.governance.admin;

import io.vertx.core.json.JsonObject;
import org.juicetokens.api.Await;
import org.juicetokens.api.EdgeTestNode;
import com.google.protobuf.util.JsonFormat;
import org.juicetokens.common.Addresses;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;
import org.juicetokens.token.proto.Telomere;
import org.juicetokens.token.proto.TelomereLinkSigned;
import org.juicetokens.token.telomere.TelomereFixture;
import org.juicetokens.token.telomere.Telomeres;
import org.juicetokens.token.telomere.TokenHistories;
import org.juicetokens.token.telomere.VerifyOptions;
import org.juicetokens.transport.framing.FrameCodec;
import org.juicetokens.transport.framing.FrameDecoder;
import org.juicetokens.transport.framing.FramingLimits;
import org.juicetokens.transport.framing.proto.FrameType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The admin console in real headless Chromium (Debian chromium + chromium-driver, named explicitly
 * so Selenium never downloads anything): the panels fill from the event stream. Leaves a
 * screenshot at target/admin-console.png. Skipped only when chromium is absent and CI is unset.
 */
class AdminConsoleBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final List<String> PANELS = List.of("panel-health", "panel-cluster", "panel-storage", "panel-dht",
    "panel-time", "panel-peers", "panel-framing", "panel-pipes", "panel-operations", "panel-errors", "panel-identity", "panel-tokens",
    "panel-telomere", "panel-transactions", "panel-chain", "panel-attestations",
    "panel-eggs", "panel-renewals", "panel-extensions", "panel-actions");

  private static EdgeTestNode node;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      if (System.getenv("CI") != null) {
        fail("chromium and chromium-driver are required in CI");
      }
      assumeTrue(false, "chromium / chromium-driver not installed");
    }
    node = EdgeTestNode.start(Map.of("admin.snapshotIntervalMs", "500"), true);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (tokenNode != null) {
      tokenNode.close().await(30, java.util.concurrent.TimeUnit.SECONDS);
      try (var files = Files.walk(tokenNodeDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  // ---- the Actions panel, against a real node (identity layer included) that requires an API token ----

  private static final String API_TOKEN = "console-secret";
  private static org.juicetokens.node.JuiceNode tokenNode;
  private static Path tokenNodeDir;

  private static int tokenNodePort() throws Exception {
    if (tokenNode == null) {
      tokenNodeDir = Files.createTempDirectory("jt-actions-");
      tokenNode = org.juicetokens.node.JuiceNode.start(org.juicetokens.node.config.NodeConfig.of(Map.of("node.id", "actions",
        "http.port", "0", "http.host", "127.0.0.1", "node.dataDir", tokenNodeDir.toString(),
        "cluster.name", "test-" + java.util.UUID.randomUUID(), "cluster.port", String.valueOf(org.juicetokens.testing.FreePorts.next()),
        "cluster.fastJoin", "true", "api.token", API_TOKEN))).await(90, java.util.concurrent.TimeUnit.SECONDS);
    }
    return tokenNode.httpPort();
  }

  private static WebDriver browser() throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--disable-background-networking", "--disable-component-update", "--no-first-run",
      "--user-data-dir=" + Files.createTempDirectory("jt-chromium-"), "--window-size=1280,960");
    return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
      .usingAnyFreePort().build(), options);
  }

  /** Sets the token (when given) and submits the create-identity form; waits for the answer line. */
  private static String createIdentity(WebDriver driver, String token, String name) throws Exception {
    driver.get("http://127.0.0.1:" + tokenNodePort() + "/admin/");
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    wait.until(d -> "true".equals(d.findElement(By.id("panel-actions")).getDomAttribute("data-filled")));
    // labelled controls: every input of the panel has a <label for=...>
    assertThat(driver.findElements(By.cssSelector("#panel-actions label[for='act-identity-name']"))).hasSize(1);
    assertThat(driver.findElements(By.cssSelector("#panel-actions label[for='actions-token']"))).hasSize(1);
    driver.findElement(By.id("actions-token")).sendKeys(token);
    driver.findElement(By.id("actions-token-save")).click();
    wait.until(d -> d.findElement(By.id("actions-token-state")).getText().contains("token set"));
    assertThat(driver.findElement(By.id("actions-token")).getDomProperty("value")).isEmpty();
    driver.findElement(By.id("act-identity-name")).sendKeys(name);
    driver.findElement(By.id("act-identity-submit")).click();
    wait.until(d -> !d.findElement(By.id("actions-summary")).getText().contains("calling")
      && !d.findElement(By.id("actions-summary")).getText().equals("no action yet"));
    assertThat(driver.getCurrentUrl()).doesNotContain(token);
    return text(driver, "actions-summary") + "\n" + text(driver, "actions-answer");
  }

  @Test
  void actions_panel_creates_an_identity_with_the_api_token() throws Exception {
    WebDriver driver = browser();
    try {
      String answer = createIdentity(driver, API_TOKEN, "Console Carol");
      assertThat(answer).containsPattern("identity [0-9a-f]{40} \"Console Carol\" created on actions");
      assertThat(driver.findElement(By.id("actions-result")).getDomAttribute("class")).contains("good");
      // the token is kept for the tab, not in the page's URL or localStorage
      assertThat(((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('juice.apiToken')")).isEqualTo(API_TOKEN);
      assertThat(((JavascriptExecutor) driver).executeScript("return localStorage.length")).isEqualTo(0L);
      // the identity exists on the node
      String id = answer.replaceAll("(?s).*identity ([0-9a-f]{40}).*", "$1");
      var web = io.vertx.ext.web.client.WebClient.create(tokenNode.vertx());
      var reply = Await.result(web.get(tokenNodePort(), "127.0.0.1", "/api/v1/identities/" + id).send());
      assertThat(reply.statusCode()).isEqualTo(200);
      assertThat(reply.bodyAsJsonObject().getString("displayName")).isEqualTo("Console Carol");
      Files.copy(driver.findElement(By.id("panel-actions")).getScreenshotAs(OutputType.FILE).toPath(),
        Path.of("target", "admin-actions-panel.png"), StandardCopyOption.REPLACE_EXISTING);
    } finally {
      driver.quit();
    }
  }

  @Test
  void actions_panel_shows_the_401_of_a_wrong_token() throws Exception {
    WebDriver driver = browser();
    try {
      String answer = createIdentity(driver, "not-the-token", "Mallory");
      assertThat(answer).contains("identity refused: 401 UNAUTHENTICATED");
      assertThat(driver.findElement(By.id("actions-result")).getDomAttribute("class")).contains("bad");
    } finally {
      driver.quit();
    }
  }

  @Test
  void console_panels_fill_from_the_event_stream() throws Exception {
    // some traffic, one failure for "Recent errors"
    var web = node.webClient();
    Await.result(web.put("/api/v1/dht/console").sendBuffer(io.vertx.core.buffer.Buffer.buffer("{\"value\":\"aGk=\"}")));
    Await.result(web.get("/api/v1/dht/console").send());
    Await.result(web.get("/api/v1/dht/denied").send());
    // frames through the node's FrameMetrics: two messages (one chunked), one damaged frame
    FrameCodec codec = new FrameCodec(FramingLimits.defaults(), node.context.framing());
    FrameDecoder decoder = codec.newDecoder();
    byte[] large = new byte[3 << 20];
    new java.util.Random(1).nextBytes(large); // incompressible: four chunks
    for (byte[] message : List.of(new byte[200], large)) {
      codec.encode(FrameType.DATA, "console.Test", message).forEach(f -> decoder.decode(FrameCodec.toWire(f), 0));
    }
    byte[] damaged = FrameCodec.toWire(codec.encode(FrameType.DATA, "console.Test", new byte[50]).get(0)).getBytes();
    damaged[damaged.length - 10] ^= 1;
    decoder.decode(io.vertx.core.buffer.Buffer.buffer(damaged), 0);
    // telomere checks through the node's TelomereChecks: three transfers, one valid and one replayed verification
    TelomereFixture token = TelomereFixture.small();
    Telomere telomere = token.genesisTelomere;
    for (int i = 0; i < 3; i++) {
      TelomereLinkSigned signed = Telomeres.linkToSign(TelomereFixture.TOKEN_ID, telomere, token.ownerAfter(i + 1).publicKey(), "tx-" + i, i);
      telomere = node.context.telomere().append(telomere, signed, token.ownerAfter(i).publicKey(),
        token.ownerAfter(i).sign(signed.toByteArray()), TelomereFixture.TAIL);
    }
    node.context.telomere().verify(TelomereFixture.TOKEN_ID, token.genesis, telomere, VerifyOptions.of(TelomereFixture.TAIL));
    node.context.telomere().verify(TelomereFixture.TOKEN_ID, token.genesis, telomere, VerifyOptions.of(TelomereFixture.TAIL).withIndex(5, null));
    String history = JsonFormat.printer().print(TokenHistories.of(TelomereFixture.TOKEN_ID, token.genesis,
      token.after(13, TelomereFixture.TAIL), VerifyOptions.of(TelomereFixture.TAIL)));

    TokenDoubles.serve(node.vertx);
    TransactionDoubles.serve(node.vertx);
    // the health panel shows status, load and the resources (as the health verticle measures them)
    var resources = new org.juicetokens.governance.health.ResourceHealth(org.juicetokens.governance.health.Threshold.degradedOnly(90),
      org.juicetokens.governance.health.Threshold.degradedOnly(90), org.juicetokens.governance.health.Threshold.degradedOnly(80))
      .evaluate(new org.juicetokens.governance.health.ResourceReading(12.5, 100L << 20, 512L << 20, 40, 1024));
    node.context.health().register("resources", p -> p.complete(io.vertx.ext.healthchecks.Status.OK(resources.copy())));

    Path profile = Files.createTempDirectory("jt-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--disable-background-networking", "--disable-component-update", "--no-first-run",
      "--user-data-dir=" + profile, "--window-size=1440,960", "--hide-scrollbars");
    ChromeDriverService service = new ChromeDriverService.Builder()
      .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
      .usingAnyFreePort()
      .build();
    WebDriver driver = new ChromeDriver(service, options);
    try {
      driver.get("http://127.0.0.1:" + node.port + "/admin/");
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
      wait.ignoring(StaleElementReferenceException.class);
      wait.until(d -> PANELS.stream().allMatch(id -> "true".equals(d.findElement(By.id(id)).getDomAttribute("data-filled"))));

      assertThat(text(driver, "node-id")).isEqualTo("edge");
      assertThat(text(driver, "health-overall")).isEqualTo("UP");
      assertThat(text(driver, "stream-state")).isEqualTo("live");
      assertThat(driver.findElements(By.cssSelector("#health-components li"))).hasSizeGreaterThanOrEqualTo(4);
      assertThat(text(driver, "health-resources")).startsWith("cpu 12.5 %").contains("open files 40 of 1024");
      // the list is re-rendered by every snapshot: read it whole, again if a snapshot replaced it meanwhile
      wait.until(d -> d.findElements(By.cssSelector("#health-components li")).stream().map(WebElement::getText)
        .anyMatch(item -> item.contains("resources") && item.contains("19.5 %")));
      assertThat(driver.findElements(By.cssSelector("#cluster-members tbody tr"))).hasSize(2);
      assertThat(text(driver, "storage-health")).isEqualTo("UP");
      assertThat(text(driver, "storage-util")).startsWith("35.0 %");
      assertThat(text(driver, "dht-p99")).isEqualTo("1.90 ms");
      assertThat(text(driver, "time-status")).isEqualTo("CONSENSUS");
      assertThat(driver.findElements(By.cssSelector("#time-sources tbody tr"))).hasSize(3);
      assertThat(text(driver, "identity-homed")).isEqualTo("2");
      assertThat(text(driver, "identity-verifications")).isEqualTo("7 / 1");
      assertThat(text(driver, "identity-rejections")).isEqualTo("bad_signature 1");
      assertThat(text(driver, "identity-keygen")).isEqualTo("0.12 ms / 0.90 ms");
      assertThat(driver.findElements(By.cssSelector("#identity-table tbody tr"))).hasSize(2);
      assertThat(text(driver, "identity-table")).contains("ababababab", "Alice", "revoked");
      assertThat(text(driver, "peers-active")).isEqualTo("2");
      assertThat(text(driver, "peers-success")).startsWith("95.0 %");
      assertThat(text(driver, "peers-by-method")).contains("CLUSTER 1", "DNS 1");
      assertThat(text(driver, "peers-rejected")).contains("bad_signature 2");
      assertThat(driver.findElements(By.cssSelector("#peers-table tbody tr"))).hasSize(2);
      assertThat(text(driver, "ops-table")).contains("DHT", "Time");
      assertThat(text(driver, "errors-list")).contains("PERMISSION_DENIED");
      assertThat(text(driver, "framing-success")).isEqualTo("83.3 %"); // 1 + 4 frames parsed, 1 rejected
      assertThat(text(driver, "framing-errors")).contains("bad_checksum", "CORRUPTION");
      assertThat(driver.findElements(By.cssSelector("#framing-sizes .bar"))).hasSize(9);
      assertThat(driver.findElements(By.cssSelector("#tokens-denominations .bar"))).hasSize(9);
      assertThat(text(driver, "tokens-held")).isEqualTo("12");
      assertThat(text(driver, "tokens-location")).isEqualTo("47c609bc");
      driver.findElement(By.id("tokens-chain-id")).sendKeys(TokenDoubles.TOKEN_ID);
      driver.findElement(By.id("tokens-chain-show")).click();
      wait.until(d -> d.findElements(By.cssSelector("#tokens-chain .tchain-box")).size() == 3);
      assertThat(text(driver, "tokens-chain")).contains("genesis", "#1", "valid");
      assertThat(text(driver, "telomere-transform-success")).isEqualTo("100 % of 3");
      assertThat(text(driver, "telomere-verify-count")).isEqualTo("1 / 1");
      assertThat(text(driver, "telomere-tail")).isEqualTo("10 links · ≤ 3432 B");
      assertThat(text(driver, "telomere-reasons")).contains("REPLAY");
      assertThat(text(driver, "telomere-failures")).contains("REPLAY", "verify " + TelomereFixture.TOKEN_ID);
      // the chain drawing the token panel uses: composted box, genesis, 10 links, head
      Object boxes = ((JavascriptExecutor) driver).executeScript(
        "const c = document.createElement('div'); document.getElementById('panel-telomere').appendChild(c);"
          + "drawTelomereChain(c, JSON.parse(arguments[0]));"
          + "return [...c.querySelectorAll('.tchain-box')].map(b => b.className + '|' + b.querySelector('.tchain-title').textContent);",
        history);
      assertThat(((List<?>) boxes).stream().map(String::valueOf).toList()).hasSize(13).startsWith("tchain-box composted|3 composted", "tchain-box genesis|genesis",
        "tchain-box link|#4").endsWith("tchain-box link|#13", "tchain-box head|head");
      Path panelShot = Path.of("target", "admin-telomere-panel.png");
      Files.copy(driver.findElement(By.id("panel-telomere")).getScreenshotAs(OutputType.FILE).toPath(), panelShot,
        StandardCopyOption.REPLACE_EXISTING);

      node.vertx.eventBus().publish(Addresses.CLUSTER_MEMBERSHIP, new JsonObject().put("event", "added").put("nodeId", "peer-c"));
      wait.until(d -> d.findElement(By.id("cluster-events")).getText().contains("peer-c"));
      assertThat(text(driver, "tx-active")).isEqualTo("2");
      assertThat(text(driver, "tx-in-doubt")).isEqualTo("1 (4 s)");
      assertThat(text(driver, "tx-rates")).isEqualTo("80.0 % / 20.0 %");
      assertThat(text(driver, "tx-latency")).isEqualTo("13 ms / 80 ms");
      assertThat(text(driver, "tx-states")).contains("IN_DOUBT", "COMMITTED");
      assertThat(text(driver, "tx-timeline")).contains("tx-recent");
      // state changes published cluster-wide reach the live timeline through the node's relay
      long now = System.currentTimeMillis();
      node.vertx.eventBus().publish(Addresses.TX_EVENTS, TransactionDoubles.event("tx-live", TxRole.PAYER, TxState.PREPARED, now, ""));
      node.vertx.eventBus().publish(Addresses.TX_EVENTS, TransactionDoubles.event("tx-live", TxRole.PAYER, TxState.ABORTED, now + 1, "TIMEOUT"));
      wait.until(d -> d.findElements(By.cssSelector("#tx-timeline .tx-event")).size() == 3);
      assertThat(text(driver, "tx-timeline")).contains("tx-live", "ABORTED", "TIMEOUT", "PAYER @ edge");

      // a few snapshots so the drift sparklines have a shape
      // (read in the page in one go: the rows are re-rendered on every snapshot)
      wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
        "const lines = [...document.querySelectorAll('#time-sources polyline')];"
          + "return lines.length === 3 && lines.every(l => l.getAttribute('points').split(' ').length >= 12);")));

      Path shot = Path.of("target", "admin-console.png");
      Files.createDirectories(shot.getParent());
      File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(file.toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
      assertThat(Files.size(shot)).isPositive();
    } finally {
      driver.quit();
    }
  }

  private static String text(WebDriver driver, String id) {
    WebElement element = driver.findElement(By.id(id));
    return element.getText();
  }
}
