package dev.inlet.modem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.modem.emulator.DeliverPdus;
import dev.inlet.modem.emulator.ModemEmulator;
import dev.inlet.modem.emulator.PtyPair;
import dev.inlet.shared.message.DeliveryReceipt;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.sms.Gsm7;
import dev.inlet.shared.sms.SmsAlphabet;
import dev.inlet.shared.sms.SmsText;
import dev.inlet.shared.store.NumberLifecycle;
import dev.inlet.shared.store.NumberPoolStore;
import dev.inlet.shared.store.NumberStatus;
import dev.inlet.shared.store.Stores;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The modem verticle on real serial ports: socat pty pairs, jSerialComm on both ends, a scriptable modem
 * emulator on the far side, and a stand-in for the router's side of the ingest contract on the bus.
 */
@ExtendWith(VertxExtension.class)
class ModemVerticleEmulatorTest {

  private static final String NUMBER = "+4915112345678";
  private static final String SENDER = "+4917612345678";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final OffsetDateTime SCTS = OffsetDateTime.of(2026, 11, 29, 10, 15, 30, 0, ZoneOffset.ofHours(1));

  private Path dir;
  private PtyPair pty;
  private ModemEmulator modem;
  private RouterStandIn router;
  private StatusWatch status;
  private String deployment;

  @BeforeEach
  void plugIn(Vertx vertx) throws Exception {
    dir = Files.createTempDirectory("inlet-modem");
    pty = new PtyPair(dir, "ttyGSM0").start();
    modem = new ModemEmulator(pty.emulatorLink().toString(), 10, NUMBER).attach();
    router = new RouterStandIn().serve(vertx, NUMBER);
    status = new StatusWatch(vertx);
  }

  @AfterEach
  void unplug(Vertx vertx) throws Exception {
    if (deployment != null) {
      vertx.undeploy(deployment).await(10, TimeUnit.SECONDS);
    }
    modem.close();
    pty.close();
    Files.deleteIfExists(dir);
  }

  private String port() {
    return pty.modemLink().toString();
  }

  private JsonObject config(JsonObject portEntry) {
    return new JsonObject().put("mode", "lab").put("storage", new JsonObject().put("kind", "memory"))
        .put("ports", new JsonArray().add(portEntry))
        .put("commandTimeoutMs", 400).put("listIntervalMs", 60000).put("statusIntervalMs", 60000)
        .put("reopenMinMs", 50).put("reopenMaxMs", 200).put("maxTimeouts", 3).put("quarantineAfterMs", 100)
        .put("routeTimeoutMs", 2000);
  }

  private JsonObject portEntry() {
    return new JsonObject().put("port", port()).put("number", NUMBER).put("country", "DE");
  }

  private void deploy(Vertx vertx, JsonObject config) throws Exception {
    deployment = vertx.deployVerticle(new ModemVerticle(), new DeploymentOptions().setConfig(config))
        .await(10, TimeUnit.SECONDS);
  }

  private void deployReady(Vertx vertx) throws Exception {
    deploy(vertx, config(portEntry()));
    status.awaitState(port(), "READY", WAIT);
  }

  private static String sms(String text) {
    return DeliverPdus.ucs2(SENDER, text, SCTS);
  }

  private NumberPoolStore store(Vertx vertx) throws Exception {
    return Stores.open(vertx, config(portEntry())).await(5, TimeUnit.SECONDS).pool();
  }

  @Test
  @DisplayName("The port is opened and set up in PDU mode with +CMTI notifications, and reports SIM and radio")
  void startUpSequence(Vertx vertx) throws Exception {
    deploy(vertx, config(portEntry()));

    JsonObject ready = status.awaitState(port(), "READY", WAIT);

    assertThat(modem.awaitCommand("AT+CMGL=4", 1, WAIT)).isTrue();
    assertThat(modem.commands()).containsSubsequence("AT", "ATE0", "AT+CMEE=1", "AT+CMGF=0",
        "AT+CPMS=\"SM\",\"SM\",\"SM\"", "AT+CNMI=2,1,0,2,0", "AT+CCID", "AT+CSQ", "AT+CREG?", "AT+CMGL=4");
    assertThat(ready.getString("iccid")).isEqualTo("8949226180000000001");
    assertThat(ready.getInteger("signalDbm")).isEqualTo(-113 + 2 * 21);
    assertThat(ready.getString("registration")).isEqualTo("home");
    assertThat(ready.getBoolean("healthy")).isTrue();
  }

  @Test
  @DisplayName("A number read from the SIM with AT+CNUM joins the pool, its country taken from the calling code")
  void numberFromSim(Vertx vertx) throws Exception {
    deploy(vertx, config(new JsonObject().put("port", port())));

    JsonObject ready = status.awaitState(port(), "READY", WAIT);

    assertThat(modem.commands()).contains("AT+CNUM");
    assertThat(ready.getString("number")).isEqualTo(NUMBER);
    assertThat(ready.getString("country")).isEqualTo("DE");
    NumberStatus inPool = store(vertx).number(NUMBER).await(5, TimeUnit.SECONDS).orElseThrow();
    assertThat(inPool.number().country()).isEqualTo("DE");
  }

  @Test
  @DisplayName("A message announced by +CMTI is read, routed, and deleted from the SIM only after the router stored it")
  void deleteOnlyAfterStored(Vertx vertx) throws Exception {
    deployReady(vertx);
    router.hold();

    modem.deliver(sms("Your code is 123456"));

    assertThat(router.awaitCount(1, WAIT)).isTrue();
    assertThat(modem.commands()).contains("AT+CMGR=1").doesNotContain("AT+CMGD=1");
    assertThat(modem.stored()).isEqualTo(1);
    router.releaseHeld();
    assertThat(modem.awaitEmpty(WAIT)).isTrue();
    InboundSms sms = router.received().get(0);
    assertThat(sms.text()).isEqualTo("Your code is 123456");
    assertThat(sms.from()).isEqualTo(SENDER);
    assertThat(sms.to()).isEqualTo(NUMBER);
    assertThat(sms.source()).isEqualTo("modem:" + port());
    assertThat(sms.sentAt()).isEqualTo(SCTS.toInstant());
    assertThat(sms.dedupKey()).startsWith("modem:");
  }

  @Test
  @DisplayName("Messages already on the SIM (their +CMTI lost) are found by AT+CMGL=4 at start")
  void listedAtStart(Vertx vertx) throws Exception {
    modem.preload(sms("first"));
    modem.preload(sms("second"));

    deployReady(vertx);

    assertThat(router.awaitCount(2, WAIT)).isTrue();
    assertThat(modem.awaitEmpty(WAIT)).isTrue();
    assertThat(router.received()).extracting(InboundSms::text).containsExactly("first", "second");
  }

  @Test
  @DisplayName("A message the router could not store stays on the SIM and is stored at the next listing")
  void routerFailureKeepsMessage(Vertx vertx) throws Exception {
    deploy(vertx, config(portEntry()).put("listIntervalMs", 300));
    status.awaitState(port(), "READY", WAIT);
    router.failNext(1);

    modem.deliver(sms("kept"));

    assertThat(router.awaitCount(1, WAIT)).isTrue();
    assertThat(modem.awaitEmpty(WAIT)).isTrue();
    assertThat(router.failuresLeft()).isZero();
    assertThat(router.received()).extracting(InboundSms::text).containsExactly("kept");
    assertThat(modem.commands().indexOf("AT+CMGD=1")).isGreaterThan(modem.commands().indexOf("AT+CMGL=4"));
  }

  @Test
  @DisplayName("A message read again after a restart, before it was deleted, carries the same dedup key")
  void readAgainAfterRestart(Vertx vertx) throws Exception {
    modem.script("AT+CMGD", 1, c -> "\r\n+CMS ERROR: 500\r\n"); // stored, then the node "dies" before deleting
    deployReady(vertx);
    modem.deliver(sms("once"));
    assertThat(router.awaitCount(1, WAIT)).isTrue();
    assertThat(modem.awaitCommand("AT+CMGD", 1, WAIT)).isTrue();
    vertx.undeploy(deployment).await(10, TimeUnit.SECONDS);
    deployment = null;
    assertThat(modem.stored()).isEqualTo(1);

    deployReady(vertx);

    assertThat(router.awaitCount(2, WAIT)).isTrue();
    assertThat(modem.awaitEmpty(WAIT)).isTrue();
    List<InboundSms> both = router.received();
    assertThat(both.get(1).dedupKey()).isEqualTo(both.get(0).dedupKey());
    assertThat(both.get(1).id()).isNotEqualTo(both.get(0).id());
  }

  @Test
  @DisplayName("Echo left on, garbage on the line and a +CMTI in the middle of a listing do not lose or repeat a message")
  void noisyModem(Vertx vertx) throws Exception {
    modem.stubbornEcho();
    modem.preload(sms("one"));
    modem.script("AT+CMGL", 1, c -> "\r\n+CMGL: 1,0,," + (sms("one").length() / 2 - 8) + "\r\n+CMTI: \"SM\",1\r\n"
        + sms("one") + "\r\n\u0000\u00ff\u0013garbage\r\nOK\r\n");
    deployReady(vertx);
    modem.garbage(new byte[] {0, (byte) 0xFF, 'x', 'y', '\r', '\n', (byte) 0x80});
    modem.deliver(sms("two"));

    assertThat(router.awaitCount(2, WAIT)).isTrue();
    assertThat(modem.awaitEmpty(WAIT)).isTrue();
    assertThat(router.received()).extracting(InboundSms::text).containsExactlyInAnyOrder("one", "two");
  }

  @Test
  @DisplayName("+CMS ERROR on reading a message leaves it on the SIM for the next listing")
  void cmsErrorOnRead(Vertx vertx) throws Exception {
    deploy(vertx, config(portEntry()).put("listIntervalMs", 300));
    status.awaitState(port(), "READY", WAIT);
    modem.script("AT+CMGR", 1, c -> "\r\n+CMS ERROR: 313\r\n"); // SIM failure, once

    modem.deliver(sms("after an error"));

    assertThat(router.awaitCount(1, WAIT)).isTrue();
    assertThat(modem.awaitEmpty(WAIT)).isTrue();
    assertThat(router.received()).extracting(InboundSms::text).containsExactly("after an error");
  }

  @Test
  @DisplayName("A modem that stops answering is reset and reopened, and receives again afterwards")
  void hungModemIsReset(Vertx vertx) throws Exception {
    deployReady(vertx);
    int mark = status.mark();
    modem.ignoreNext(3);

    modem.deliver(sms("during the hang"));

    status.awaitState(port(), "UNRESPONSIVE", WAIT, mark);
    status.awaitState(port(), "READY", WAIT, mark);
    assertThat(router.awaitCount(1, WAIT)).isTrue();
    assertThat(modem.awaitEmpty(WAIT)).isTrue();
    assertThat(router.received()).extracting(InboundSms::text).containsExactly("during the hang");
  }

  @Test
  @DisplayName("A port that disappears quarantines its number, and the number comes back when the port does")
  void portDisappearsAndReturns(Vertx vertx) throws Exception {
    deployReady(vertx);
    int mark = status.mark();

    modem.close();
    pty.unplug();

    JsonObject down = status.await(port(), s -> s.getBoolean("quarantined"), WAIT, mark);
    assertThat(down.getString("state")).isEqualTo("DISCONNECTED");
    assertThat(down.getBoolean("healthy")).isFalse();
    NumberStatus quarantined = store(vertx).number(NUMBER).await(5, TimeUnit.SECONDS).orElseThrow();
    assertThat(quarantined.state().state()).isEqualTo(NumberLifecycle.State.QUARANTINE);

    modem.preload(sms("while unplugged"));
    pty.start();
    modem.attach();

    JsonObject back = status.awaitState(port(), "READY", WAIT, mark);
    assertThat(back.getBoolean("quarantined")).isFalse();
    assertThat(back.getLong("reopens")).isPositive();
    NumberStatus returned = store(vertx).number(NUMBER).await(5, TimeUnit.SECONDS).orElseThrow();
    assertThat(returned.state().state()).isNotEqualTo(NumberLifecycle.State.QUARANTINE);
    assertThat(router.awaitCount(1, WAIT)).isTrue();
    assertThat(router.received()).extracting(InboundSms::text).containsExactly("while unplugged");
  }

  @Test
  @DisplayName("A full SIM is emptied, and what the network held back meanwhile arrives and is stored")
  void fullSim(Vertx vertx) throws Exception {
    for (int i = 0; i < 10; i++) {
      modem.preload(sms("stored " + i));
    }
    for (int i = 0; i < 5; i++) {
      modem.deliver(sms("held " + i));
    }
    assertThat(modem.heldByNetwork()).isEqualTo(5);

    deploy(vertx, config(portEntry()));

    assertThat(status.await(port(), s -> s.getBoolean("storageFull"), WAIT)).isNotNull();
    assertThat(router.awaitCount(15, WAIT)).isTrue();
    assertThat(modem.awaitEmpty(WAIT)).isTrue();
    assertThat(router.received()).extracting(InboundSms::text).doesNotHaveDuplicates().hasSize(15);
  }

  @Test
  @DisplayName("A PDU that cannot be decoded stays on the SIM, is reported, and does not stop the messages after it")
  void undecodablePdu(Vertx vertx) throws Exception {
    modem.preload("07919471010000F0040C91947167214365000862119201");
    deployReady(vertx);

    modem.deliver(sms("fine"));

    assertThat(router.awaitCount(1, WAIT)).isTrue();
    JsonObject s = status.await(port(), x -> x.getLong("undecodable") == 1 && x.getLong("deleted") == 1, WAIT);
    assertThat(s.getString("lastError")).contains("TP-SCTS");
    assertThat(modem.stored()).isEqualTo(1);
  }

  @Test
  @DisplayName("A status report is recognised, stored apart as a delivery receipt (never as a message), then deleted")
  void statusReport(Vertx vertx) throws Exception {
    router.serveReceipts(vertx);
    deployReady(vertx);

    // SMS-STATUS-REPORT: MR 0x2A, recipient +491776123478, SCTS and discharge time, status 0 (delivered)
    String report = "07919471010000F0" + "06" + "2A" + "0C91" + "947167214387"
        + "62119201513140" + "62119201514140" + "00";
    modem.deliver(report);

    assertThat(status.await(port(), s -> s.getLong("statusReports") == 1, WAIT)).isNotNull();
    assertThat(modem.awaitEmpty(WAIT)).isTrue();
    assertThat(router.received()).isEmpty();
    DeliveryReceipt receipt = router.receipts().get(0);
    assertThat(receipt.receiptedMessageId()).isEqualTo("42");
    assertThat(receipt.messageState()).isEqualTo("DELIVERED");
    assertThat(receipt.from()).isEqualTo("+491776123478");
    assertThat(receipt.to()).isEqualTo(NUMBER);
    assertThat(receipt.source()).isEqualTo("modem:" + port());
  }

  @Test
  @DisplayName("An 8-bit message is kept as its octets, marked binary, as the SMPP path keeps it")
  void eightBit(Vertx vertx) throws Exception {
    deployReady(vertx);

    modem.deliver(DeliverPdus.eightBit(SENDER, "binary".getBytes(StandardCharsets.US_ASCII), SCTS));

    assertThat(router.awaitCount(1, WAIT)).isTrue();
    assertThat(router.received().get(0).text()).isEqualTo(SmsText.binary("binary".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  @DisplayName("Each part of a long message goes to the router with its place in the message, and leaves the SIM once held")
  void partsGoToTheRouterWithTheirSegment(Vertx vertx) throws Exception {
    deployReady(vertx);

    modem.deliver(DeliverPdus.gsm7(SENDER, "second half", SCTS, DeliverPdus.concat(0x3A, false, 2, 2)));
    modem.deliver(DeliverPdus.gsm7(SENDER, "first half, ", SCTS, DeliverPdus.concat(0x3A, false, 2, 1)));

    assertThat(router.awaitCount(2, WAIT)).isTrue();
    assertThat(modem.awaitEmpty(WAIT)).isTrue();
    List<InboundSms> parts = router.received();
    assertThat(parts).extracting(p -> p.segment().number()).containsExactly(2, 1);
    assertThat(parts).allSatisfy(p -> {
      assertThat(p.segment().reference()).isEqualTo(0x3A);
      assertThat(p.segment().total()).isEqualTo(2);
      assertThat(p.segment().alphabet()).isEqualTo(SmsAlphabet.GSM7);
      assertThat(p.dedupKey()).isNull();
    });
    assertThat(parts.get(1).segment().userData()).isEqualTo(Gsm7.encode("first half, "));
  }

  @Test
  @DisplayName("A quarantine an operator put by hand stays when the port answers")
  void manualQuarantineStays(Vertx vertx) throws Exception {
    NumberPoolStore store = store(vertx);
    store.addNumbers(List.of(new PoolNumber(NUMBER, "DE", List.of("sms")))).await(5, TimeUnit.SECONDS);
    store.quarantine(NUMBER, Instant.now(), null, "SIM reported stolen", Duration.ZERO).await(5, TimeUnit.SECONDS);

    deployReady(vertx);

    NumberStatus status = store.number(NUMBER).await(5, TimeUnit.SECONDS).orElseThrow();
    assertThat(status.state().state()).isEqualTo(NumberLifecycle.State.QUARANTINE);
    assertThat(status.state().reason()).isEqualTo("SIM reported stolen");
  }

  @Test
  @DisplayName("A modem that wakes up to a buffer of old commands answers them all; no stale answer is taken for a later command")
  void wakesUpToOldCommands(Vertx vertx) throws Exception {
    modem.close(); // nobody answers: the port's commands pile up in the pty
    deploy(vertx, config(portEntry()));
    status.awaitState(port(), "UNRESPONSIVE", WAIT);

    modem.attach();

    JsonObject ready = status.awaitState(port(), "READY", WAIT);
    assertThat(modem.commands().stream().filter("AT"::equals).count()).isGreaterThan(1);
    assertThat(ready.getString("iccid")).isEqualTo("8949226180000000001");
    assertThat(ready.getString("registration")).isEqualTo("home");
    assertThat(ready.getInteger("signalRssi")).isEqualTo(21);
    modem.deliver(sms("after waking"));
    assertThat(router.awaitCount(1, WAIT)).isTrue();
    assertThat(modem.awaitEmpty(WAIT)).isTrue();
  }

  @Test
  @DisplayName("With two instances of the verticle on a node, one of them serves the port")
  void twoInstancesOnePort(Vertx vertx) throws Exception {
    deployment = vertx.deployVerticle(ModemVerticle::new, new DeploymentOptions().setConfig(config(portEntry()))
        .setInstances(2)).await(10, TimeUnit.SECONDS);
    status.awaitState(port(), "READY", WAIT);

    modem.deliver(sms("once"));

    assertThat(router.awaitCount(1, WAIT)).isTrue();
    assertThat(modem.awaitEmpty(WAIT)).isTrue();
    assertThat(modem.commands().stream().filter("ATE0"::equals).count()).isEqualTo(1);
    assertThat(modem.commands().stream().filter(c -> c.startsWith("AT+CMGR")).count()).isEqualTo(1);
  }
}
