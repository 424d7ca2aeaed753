package dev.inlet.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.modem.emulator.DeliverPdus;
import dev.inlet.modem.emulator.ModemEmulator;
import dev.inlet.modem.emulator.PtyPair;
import dev.inlet.node.InletNode;
import dev.inlet.shared.bus.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
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
  private static final OffsetDateTime SCTS = OffsetDateTime.of(2026, 11, 29, 11, 0, 0, 0, ZoneOffset.ofHours(1));

  private static Path dir;
  private static PtyPair pty;
  private static ModemEmulator modem;
  private static InletNode node;
  private static Vertx clientVertx;
  private static LabClient client;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("inlet-modem-node");
    pty = new PtyPair(dir, "ttyUSB0").start();
    modem = new ModemEmulator(pty.emulatorLink().toString(), 20, NUMBER).attach();
    int port = Nodes.freePort();
    JsonObject overrides = Nodes.lab(port).put("modem", new JsonObject()
        .put("ports", new JsonArray().add(new JsonObject().put("port", pty.modemLink().toString())
            .put("number", NUMBER).put("country", "DE").put("baud", 115200)))
        .put("listIntervalMs", 500));
    node = Nodes.start(overrides).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    CompletableFuture<JsonObject> ready = new CompletableFuture<>();
    node.vertx().eventBus().<JsonObject>consumer(Addresses.STATUS_MODEMS, m -> {
      if ("READY".equals(m.body().getString("state"))) {
        ready.complete(m.body());
      }
    });
    ready.get(30, TimeUnit.SECONDS);
    clientVertx = Vertx.vertx();
    client = new LabClient(clientVertx, port, Nodes.API_KEY);
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    clientVertx.close().await(10, TimeUnit.SECONDS);
    node.stop().await(30, TimeUnit.SECONDS);
    modem.close();
    pty.close();
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

    modem.deliver(DeliverPdus.ucs2("+4917699887766", "Dein Code: 482913 ✓", SCTS));

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
}
