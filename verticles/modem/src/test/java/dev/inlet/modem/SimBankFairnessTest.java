package dev.inlet.modem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.modem.emulator.DeliverPdus;
import dev.inlet.modem.emulator.ModemEmulator;
import dev.inlet.modem.emulator.PtyPair;
import dev.inlet.shared.message.InboundSms;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A bank of ports behind one router of limited capacity: a flood on one port must not starve the others. */
@ExtendWith(VertxExtension.class)
class SimBankFairnessTest {

  private static final int PORTS = 8;
  private static final int FLOOD = 150;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final OffsetDateTime SCTS = OffsetDateTime.of(2026, 11, 29, 10, 0, 0, 0, ZoneOffset.UTC);

  private final List<PtyPair> ptys = new ArrayList<>();
  private final List<ModemEmulator> modems = new ArrayList<>();
  private Path dir;
  private String deployment;

  @AfterEach
  void unplug(Vertx vertx) throws Exception {
    if (deployment != null) {
      vertx.undeploy(deployment).await(10, TimeUnit.SECONDS);
    }
    for (ModemEmulator m : modems) {
      m.close();
    }
    for (PtyPair p : ptys) {
      p.close();
    }
    Files.deleteIfExists(dir);
  }

  private static String number(int port) {
    return "+4915100000" + String.format("%03d", port);
  }

  @Test
  @DisplayName("While one port of a bank is flooded, every other port's message is stored before the flood is through")
  void floodDoesNotStarveOthers(Vertx vertx) throws Exception {
    dir = Files.createTempDirectory("inlet-bank");
    RouterStandIn router = new RouterStandIn().oneAtATime(2);
    JsonArray ports = new JsonArray();
    for (int i = 0; i < PORTS; i++) {
      PtyPair pty = new PtyPair(dir, "ttyBANK" + i).start();
      ptys.add(pty);
      modems.add(new ModemEmulator(pty.emulatorLink().toString(), FLOOD + 10, number(i)).attach());
      router.serve(vertx, number(i));
      ports.add(new JsonObject().put("port", pty.modemLink().toString()).put("number", number(i)).put("country", "DE"));
    }
    StatusWatch status = new StatusWatch(vertx);
    JsonObject config = new JsonObject().put("mode", "lab").put("storage", new JsonObject().put("kind", "memory"))
        .put("ports", ports).put("commandTimeoutMs", 2000).put("routeTimeoutMs", 20000).put("inFlightPerPort", 4);
    deployment = vertx.deployVerticle(new ModemVerticle(), new DeploymentOptions().setConfig(config))
        .await(10, TimeUnit.SECONDS);
    for (PtyPair p : ptys) {
      status.awaitState(p.modemLink().toString(), "READY", WAIT);
    }

    for (int n = 0; n < FLOOD; n++) {
      modems.get(0).deliver(DeliverPdus.ucs2("+4917600000001", "flood " + n, SCTS));
    }
    assertThat(router.awaitCount(8, WAIT)).isTrue(); // the flood is under way
    for (int i = 1; i < PORTS; i++) {
      modems.get(i).deliver(DeliverPdus.ucs2("+4917600000002", "quiet " + i, SCTS));
    }

    assertThat(router.awaitCount(FLOOD + PORTS - 1, WAIT)).isTrue();
    List<InboundSms> order = router.received();
    int lastQuiet = 0;
    for (int i = 0; i < order.size(); i++) {
      if (order.get(i).text().startsWith("quiet")) {
        lastQuiet = i;
      }
    }
    long floodAfterLastQuiet = order.subList(lastQuiet, order.size()).stream()
        .filter(s -> s.text().startsWith("flood")).count();
    // a router that serves 2 ms per message in arrival order: the quiet ports got in within a few of the flood's
    assertThat(floodAfterLastQuiet).as("flood messages stored after the last quiet port's message")
        .isGreaterThan(FLOOD / 2);
  }
}
