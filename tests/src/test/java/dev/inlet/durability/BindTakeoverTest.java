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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jsmpp.session.SMPPServerSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One bind per SMSC account across nodes, held through a PostgreSQL lease: two production nodes
 * ({@code java -jar node/target/inlet.jar}, the same account, lease 3 s unless {@code takeover.leaseSeconds} says otherwise) and an SMSC played by
 * jSMPP. One node binds, the other stands by. When the holder is killed ({@code kill -9}) or frozen
 * ({@code kill -STOP}) the other binds within the documented bound; a frozen holder that thaws answers nothing it
 * received while it no longer held the lease, and unbinds.
 */
@DisplayName("The bind of an SMSC account across two nodes")
class BindTakeoverTest {

  /** 3 s keeps the test short; {@code -Dtakeover.leaseSeconds=10} measures the default. */
  static final int LEASE_SECONDS = Integer.getInteger("takeover.leaseSeconds", 3);
  /**
   * The documented bound: the lease runs out at most a lease after the holder's last renewal, the standby asks every
   * third of a lease, then binds; plus slack for a busy 2-core machine.
   */
  static final Duration TAKEOVER_BOUND = Duration.ofMillis(LEASE_SECONDS * 1000L * 4 / 3 + 3_000);
  private static final String NUMBER = "+4915112345678";
  private static final String BOUND_LINE = "[operator] bound to";
  private static final Duration START = Duration.ofSeconds(60);

  private JsmppSmsc smsc;
  private Path workDir;
  private Path conf;
  private Map<String, String> env;
  private NodeJar a;
  private NodeJar b;

  @BeforeEach
  void prepare() throws Exception {
    DurabilityDatabase.reset();
    int smscPort = JsmppSmsc.freePort();
    smsc = new JsmppSmsc(smscPort);
    workDir = Files.createTempDirectory("inlet-bind-takeover");
    conf = workDir.resolve("takeover.json");
    Files.writeString(conf, new JsonObject()
        .put("smpp", new JsonObject().put("name", "operator").put("leaseSeconds", LEASE_SECONDS)
            .put("idleRebindSeconds", 0).put("reconnectMinMs", 100).put("reconnectMaxMs", 1000))
        .put("pool", new JsonObject().put("numbers", new JsonArray()
            .add(new JsonObject().put("number", NUMBER).put("country", "DE"))))
        .encodePrettily());
    env = new HashMap<>();
    env.put("INLET_MODE", "production");
    env.put("INLET_ROLES", "pool,router,smpp");
    env.put("INLET_STORAGE", "postgres");
    env.put("INLET_PG_URI", DurabilityDatabase.PG_URI);
    env.put("INLET_REDIS_URI", DurabilityDatabase.REDIS_URI);
    env.put("INLET_SMPP_HOST", "127.0.0.1");
    env.put("INLET_SMPP_PORT", Integer.toString(smscPort));
    env.put("INLET_SMPP_SYSTEM_ID", JsmppSmsc.SYSTEM_ID);
    env.put("INLET_SMPP_PASSWORD", JsmppSmsc.PASSWORD);
  }

  @AfterEach
  void stop() throws Exception {
    for (NodeJar node : new NodeJar[] {a, b}) {
      if (node != null) {
        if (node.isAlive()) {
          node.signal("CONT");
        }
        node.close();
      }
    }
    smsc.close();
  }

  /** Node A bound (its session at the SMSC), node B standing by. */
  private SMPPServerSession holderAndStandby() throws Exception {
    a = NodeJar.start(workDir, env, "--conf", conf.toString());
    SMPPServerSession held = smsc.awaitBind(START);
    assertThat(a.awaitLine(BOUND_LINE, 10, TimeUnit.SECONDS)).as(a.tail(40)).isTrue();
    deliver(held, "before the takeover");
    b = NodeJar.start(workDir, env, "--conf", conf.toString());
    assertThat(b.awaitLine("[operator#0] standing by", START.toSeconds(), TimeUnit.SECONDS)).as(b.tail(40)).isTrue();
    return held;
  }

  private static void deliver(SMPPServerSession session, String text) throws Exception {
    JsmppSmsc.deliver(session, "4917099887766", NUMBER.substring(1), 0, 0, text.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  @DisplayName("is taken over by the standby node within the bound after the holder is killed with kill -9")
  void takeoverAfterKill() throws Exception {
    holderAndStandby();

    long killed = System.nanoTime();
    a.kill9(10, TimeUnit.SECONDS);
    SMPPServerSession taken = smsc.awaitBind(TAKEOVER_BOUND.plusSeconds(10));
    Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
    System.out.printf("bind takeover after kill -9 (lease %d s): %d ms%n", LEASE_SECONDS, takeover.toMillis());

    assertThat(b.awaitLine(BOUND_LINE, 5, TimeUnit.SECONDS)).as(b.tail(40)).isTrue();
    assertThat(takeover).isLessThanOrEqualTo(TAKEOVER_BOUND);
    deliver(taken, "after the takeover");
    assertThat(DurabilityDatabase.stored(NUMBER).copiesByText())
        .containsEntry("before the takeover", 1).containsEntry("after the takeover", 1);
  }

  @Test
  @DisplayName("is taken over when the holder is frozen (kill -STOP); thawed, the old holder acknowledges nothing and unbinds")
  void frozenHolderThawsAndStepsDown() throws Exception {
    SMPPServerSession old = holderAndStandby();

    long frozen = System.nanoTime();
    a.signal("STOP");
    SMPPServerSession taken = smsc.awaitBind(TAKEOVER_BOUND.plusSeconds(10));
    Duration takeover = Duration.ofNanos(System.nanoTime() - frozen);
    System.out.printf("bind takeover after kill -STOP (lease %d s): %d ms%n", LEASE_SECONDS, takeover.toMillis());
    assertThat(takeover).isLessThanOrEqualTo(TAKEOVER_BOUND);
    deliver(taken, "while the old holder is frozen");

    // the SMSC still sees the old session (its TCP connection is open) and delivers on it too
    CompletableFuture<Void> onOldSession = CompletableFuture.runAsync(() -> {
      try {
        deliver(old, "to the frozen holder");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(onOldSession).as("answered by a frozen process").isNotDone();
    a.signal("CONT");

    assertThat(a.awaitLine("lost the bind lease", 20, TimeUnit.SECONDS)).as(a.tail(40)).isTrue();
    assertThat(a.awaitLine("[operator] unbound from", 20, TimeUnit.SECONDS)).as(a.tail(40)).isTrue();
    Throwable outcome = onOldSession.handle((v, e) -> e).get(20, TimeUnit.SECONDS);
    assertThat(outcome).as("the thawed node acknowledged a message after losing its lease\n" + a.tail(40))
        .isNotNull();
    assertThat(a.output().stream().filter(l -> l.text().contains(BOUND_LINE)).count())
        .as("binds of the thawed node").isEqualTo(1);

    deliver(taken, "to the frozen holder"); // the SMSC delivers it again, to the node that holds the bind
    assertThat(DurabilityDatabase.stored(NUMBER).copiesByText())
        .containsEntry("before the takeover", 1)
        .containsEntry("while the old holder is frozen", 1)
        .containsEntry("to the frozen holder", 1);
  }
}
