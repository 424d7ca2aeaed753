package dev.inlet.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.smpp.JsmppSmsc;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jsmpp.session.SMPPServerSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A production node whose PostgreSQL becomes unreachable (a proxy in between is cut off): it cannot renew its bind
 * lease, so after 3/4 of the lease it stops acknowledging and unbinds; once PostgreSQL is back it takes the lease
 * again, binds, and stores.
 */
@DisplayName("A bound node that loses PostgreSQL")
class LeaseStoreDownTest {

  private static final int LEASE_SECONDS = 3;
  private static final String NUMBER = "+4915112345678";

  @Test
  @DisplayName("unbinds once its lease can no longer be renewed, and binds again when PostgreSQL is back")
  void unbindsAndComesBack() throws Exception {
    DurabilityDatabase.reset();
    int smscPort = JsmppSmsc.freePort();
    Path workDir = Files.createTempDirectory("inlet-lease-store-down");
    Path conf = workDir.resolve("conf.json");
    Files.writeString(conf, new JsonObject()
        .put("smpp", new JsonObject().put("name", "operator").put("leaseSeconds", LEASE_SECONDS)
            .put("idleRebindSeconds", 0).put("reconnectMinMs", 100).put("reconnectMaxMs", 1000))
        .put("pool", new JsonObject().put("numbers", new JsonArray()
            .add(new JsonObject().put("number", NUMBER).put("country", "DE"))))
        .encodePrettily());
    try (JsmppSmsc smsc = new JsmppSmsc(smscPort); CuttableProxy postgres = new CuttableProxy("127.0.0.1", 5432)) {
      Map<String, String> env = new HashMap<>();
      env.put("INLET_MODE", "production");
      env.put("INLET_ROLES", "pool,router,smpp");
      env.put("INLET_STORAGE", "postgres");
      env.put("INLET_PG_URI", DurabilityDatabase.PG_URI.replace(":5432/", ":" + postgres.port() + "/"));
      env.put("INLET_REDIS_URI", DurabilityDatabase.REDIS_URI);
      env.put("INLET_SMPP_HOST", "127.0.0.1");
      env.put("INLET_SMPP_PORT", Integer.toString(smscPort));
      env.put("INLET_SMPP_SYSTEM_ID", JsmppSmsc.SYSTEM_ID);
      env.put("INLET_SMPP_PASSWORD", JsmppSmsc.PASSWORD);
      try (NodeJar node = NodeJar.start(workDir, env, "--conf", conf.toString())) {
        SMPPServerSession first = smsc.awaitBind(Duration.ofSeconds(60));
        deliver(first, "before the outage");

        postgres.cutOff();
        long cut = System.nanoTime();

        assertThat(node.awaitLine("lost the bind lease", 20, TimeUnit.SECONDS)).as(node.tail(40)).isTrue();
        Duration unbound = Duration.ofNanos(System.nanoTime() - cut);
        assertThat(node.awaitLine("[operator] unbound from", 10, TimeUnit.SECONDS)).as(node.tail(40)).isTrue();
        System.out.printf("lease lost %d ms after PostgreSQL became unreachable (lease %d s)%n", unbound.toMillis(),
            LEASE_SECONDS);
        // 3/4 of the lease, then the next renewal (every third of it), and slack
        assertThat(unbound).isLessThan(Duration.ofMillis(LEASE_SECONDS * 1000L * 13 / 12 + 3_000));

        postgres.restore();
        SMPPServerSession again = smsc.awaitBind(Duration.ofSeconds(20));
        deliver(again, "after the outage");
        assertThat(DurabilityDatabase.stored(NUMBER).copiesByText())
            .containsEntry("before the outage", 1).containsEntry("after the outage", 1);
        node.terminate(30, TimeUnit.SECONDS);
      }
    }
  }

  private static void deliver(SMPPServerSession session, String text) throws Exception {
    JsmppSmsc.deliver(session, "4917099887766", NUMBER.substring(1), 0, 0, text.getBytes(StandardCharsets.US_ASCII));
  }
}
