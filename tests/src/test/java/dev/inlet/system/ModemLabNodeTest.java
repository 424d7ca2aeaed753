package dev.inlet.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.modem.emulator.DeliverPdus;
import dev.inlet.modem.emulator.ModemEmulator;
import dev.inlet.modem.emulator.PtyPair;
import dev.inlet.node.InletNode;
import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.sms.SmsText;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A lab node with a modem attached as the README says (a {@code modem.ports} entry naming a serial port): the
 * emulator on the far side of a socat pty pair plays the SIM. The number joins the pool, a renter receives its
 * SMS over the WebSocket and REST, and a message the modem lists again is stored once.
 */
class ModemLabNodeTest {

  private static final String NUMBER = "+4915112340001";
  private static final String PARTS_NUMBER = "+4915112340002";
  private static final String UNPLUG_NUMBER = "+4915112340003";
  private static final String SENDER = "+4917699887766";
  private static final OffsetDateTime SCTS = OffsetDateTime.of(2026, 11, 29, 11, 0, 0, 0, ZoneOffset.ofHours(1));

  private static Path dir;
  private static PtyPair pty;
  private static ModemEmulator modem;
  private static PtyPair partsPty;
  private static ModemEmulator partsModem;
  private static PtyPair unplugPty;
  private static ModemEmulator unplugModem;
  private static InletNode node;
  private static Vertx clientVertx;
  private static LabClient client;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("inlet-modem-node");
    pty = new PtyPair(dir, "ttyUSB0").start();
    modem = new ModemEmulator(pty.emulatorLink().toString(), 20, NUMBER).attach();
    partsPty = new PtyPair(dir, "ttyUSB1").start();
    partsModem = new ModemEmulator(partsPty.emulatorLink().toString(), 20, PARTS_NUMBER).attach();
    unplugPty = new PtyPair(dir, "ttyUSB2").start();
    unplugModem = new ModemEmulator(unplugPty.emulatorLink().toString(), 20, UNPLUG_NUMBER).attach();
    int port = Nodes.freePort();
    JsonObject overrides = Nodes.lab(port).put("modem", new JsonObject()
        .put("ports", new JsonArray()
            .add(new JsonObject().put("port", pty.modemLink().toString()).put("number", NUMBER).put("country", "DE")
                .put("baud", 115200))
            .add(new JsonObject().put("port", partsPty.modemLink().toString()).put("number", PARTS_NUMBER))
            .add(new JsonObject().put("port", unplugPty.modemLink().toString()).put("number", UNPLUG_NUMBER)))
        .put("listIntervalMs", 500).put("quarantineAfterMs", 200).put("reopenMinMs", 100).put("reopenMaxMs", 500))
        .put("router", new JsonObject().put("reassembly", new JsonObject().put("timeoutSeconds", 2)));
    node = Nodes.start(overrides).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    CountDownLatch ready = new CountDownLatch(3);
    Set<String> readyPorts = ConcurrentHashMap.newKeySet();
    node.vertx().eventBus().<JsonObject>consumer(Addresses.STATUS_MODEMS, m -> {
      if ("READY".equals(m.body().getString("state")) && readyPorts.add(m.body().getString("id"))) {
        ready.countDown();
      }
    });
    assertThat(ready.await(30, TimeUnit.SECONDS)).as("three modem ports ready").isTrue();
    clientVertx = Vertx.vertx();
    client = new LabClient(clientVertx, port, Nodes.API_KEY);
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    clientVertx.close().await(10, TimeUnit.SECONDS);
    node.stop().await(30, TimeUnit.SECONDS);
    for (ModemEmulator m : new ModemEmulator[] {modem, partsModem, unplugModem}) {
      m.close();
    }
    for (PtyPair p : new PtyPair[] {pty, partsPty, unplugPty}) {
      p.close();
    }
    Files.deleteIfExists(dir);
  }

  @Test
  @DisplayName("a modem's number joins the pool, and its SMS reach the renter once, even when the modem lists it again")
  void rentAndReceive() throws Exception {
    JsonArray de = client.get("/api/numbers?country=DE").await(10, TimeUnit.SECONDS).bodyAsJsonObject()
        .getJsonArray("numbers");
    assertThat(de.stream().map(o -> ((JsonObject) o).getString("number"))).contains(NUMBER);
    JsonObject rental = client.rent(new JsonObject().put("number", NUMBER)).await(10, TimeUnit.SECONDS);
    String session = rental.getString("session_id");
    LinkedBlockingQueue<JsonObject> pushed = new LinkedBlockingQueue<>();
    WebSocket ws = client.connect(session).await(10, TimeUnit.SECONDS);
    ws.textMessageHandler(text -> pushed.add(new JsonObject(text)));
    // the first deletion fails: the message stays on the SIM and the next listing hands it on again
    modem.script("AT+CMGD", 1, c -> "\r\n+CMS ERROR: 500\r\n");

    modem.deliver(DeliverPdus.ucs2(SENDER, "Dein Code: 482913 ✓", SCTS));

    JsonObject message = pushed.poll(20, TimeUnit.SECONDS);
    assertThat(message).isNotNull();
    assertThat(message.getString("from")).isEqualTo("+4917699887766");
    assertThat(message.getString("to")).isEqualTo(NUMBER);
    assertThat(message.getString("text")).isEqualTo("Dein Code: 482913 ✓");
    assertThat(message.getString("code")).isEqualTo("482913");
    assertThat(message.getString("sent_at")).isEqualTo("2026-11-29T10:00:00Z");
    assertThat(modem.awaitCommand("AT+CMGD", 2, Duration.ofSeconds(20))).isTrue();
    assertThat(modem.awaitEmpty(Duration.ofSeconds(20))).isTrue();
    JsonArray stored = client.get("/api/messages?session_id=" + session).await(10, TimeUnit.SECONDS)
        .bodyAsJsonObject().getJsonArray("messages");
    assertThat(stored).hasSize(1);
    assertThat(pushed).isEmpty();
  }

  @Test
  @DisplayName("the parts of a long message, out of order and one twice, reach the renter as one message; a part that never comes is marked")
  void concatenatedParts() throws Exception {
    JsonObject rental = client.rent(new JsonObject().put("number", PARTS_NUMBER)).await(10, TimeUnit.SECONDS);
    LinkedBlockingQueue<JsonObject> pushed = new LinkedBlockingQueue<>();
    client.connect(rental.getString("session_id")).await(10, TimeUnit.SECONDS)
        .textMessageHandler(text -> pushed.add(new JsonObject(text)));
    String one = "Your verification code for the account ending in 4471 is 902113. It expires in ten minutes. ";
    String two = "Do not share it with anyone; our staff will never ask you for it. If you did not ask for a code, ";
    String three = "ignore this message.";

    partsModem.deliver(DeliverPdus.gsm7(SENDER, three, SCTS, DeliverPdus.concat(0x4711, true, 3, 3)));
    partsModem.deliver(DeliverPdus.gsm7(SENDER, one, SCTS, DeliverPdus.concat(0x4711, true, 3, 1)));
    partsModem.deliver(DeliverPdus.gsm7(SENDER, one, SCTS, DeliverPdus.concat(0x4711, true, 3, 1)));
    partsModem.deliver(DeliverPdus.gsm7(SENDER, two, SCTS, DeliverPdus.concat(0x4711, true, 3, 2)));

    JsonObject whole = pushed.poll(20, TimeUnit.SECONDS);
    assertThat(whole).isNotNull();
    assertThat(whole.getString("text")).isEqualTo(one + two + three);
    assertThat(whole.getString("code")).isEqualTo("902113");
    assertThat(partsModem.awaitEmpty(Duration.ofSeconds(20))).isTrue();

    partsModem.deliver(DeliverPdus.ucs2Part(SENDER, "Код: 5521, ", SCTS, 0x21, 3, 1));
    partsModem.deliver(DeliverPdus.ucs2Part(SENDER, "конец.", SCTS, 0x21, 3, 3));

    JsonObject incomplete = pushed.poll(20, TimeUnit.SECONDS);
    assertThat(incomplete).isNotNull();
    assertThat(incomplete.getString("text")).isEqualTo("Код: 5521, " + SmsText.missing(2, 2, 3) + "конец.");
    assertThat(partsModem.awaitEmpty(Duration.ofSeconds(20))).isTrue();
    assertThat(pushed.poll(1, TimeUnit.SECONDS)).as("each message pushed once").isNull();
  }

  @Test
  @DisplayName("an unplugged modem quarantines its number: the renter's session ends, and the number returns with the port")
  void unplugged() throws Exception {
    JsonObject rental = client.rent(new JsonObject().put("number", UNPLUG_NUMBER)).await(10, TimeUnit.SECONDS);
    CompletableFuture<Short> closed = new CompletableFuture<>();
    WebSocket ws = client.connect(rental.getString("session_id")).await(10, TimeUnit.SECONDS);
    ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
    CompletableFuture<JsonObject> back = new CompletableFuture<>();
    CompletableFuture<JsonObject> down = new CompletableFuture<>();
    node.vertx().eventBus().<JsonObject>consumer(Addresses.STATUS_MODEMS, m -> {
      if (("modem:" + unplugPty.modemLink()).equals(m.body().getString("id"))) {
        if (m.body().getBoolean("quarantined")) {
          down.complete(m.body());
        } else if (down.isDone() && "READY".equals(m.body().getString("state"))) {
          back.complete(m.body());
        }
      }
    }).completion().await(5, TimeUnit.SECONDS);

    unplugModem.close();
    unplugPty.unplug();

    assertThat(down.get(20, TimeUnit.SECONDS).getString("state")).isEqualTo("DISCONNECTED");
    assertThat(closed.get(20, TimeUnit.SECONDS)).isEqualTo((short) 4000);
    JsonObject session = client.get("/api/messages?session_id=" + rental.getString("session_id"))
        .await(10, TimeUnit.SECONDS).bodyAsJsonObject();
    assertThat(session).isNotNull();

    unplugPty.start();
    unplugModem.attach();

    assertThat(back.get(20, TimeUnit.SECONDS).getBoolean("healthy")).isTrue();
  }
}
