package dev.inlet.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.SmsReceipt;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jsmpp.session.SMPPServerSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ghost sessions and the status of binds, against jSMPP (which answers enquire_link by itself): a session that
 * delivers nothing for idleRebindSeconds is dropped and bound again; an SMSC that dies and comes back is bound
 * again; every bind publishes its state and counters on {@link Addresses#STATUS_BINDS}.
 */
@ExtendWith(VertxExtension.class)
class GhostSessionTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String NUMBER = "+12125550100";

  private JsmppSmsc smsc;
  private int port;

  @BeforeEach
  void startSmsc() throws Exception {
    port = JsmppSmsc.freePort();
    smsc = new JsmppSmsc(port);
  }

  @AfterEach
  void stopSmsc() throws Exception {
    smsc.close();
  }

  private JsonObject config(int idleRebindSeconds) {
    return new JsonObject().put("name", "operator").put("host", "127.0.0.1").put("port", port)
        .put("systemId", JsmppSmsc.SYSTEM_ID).put("password", JsmppSmsc.PASSWORD).put("bindType", "receiver")
        .put("enquireLinkSeconds", 1).put("idleRebindSeconds", idleRebindSeconds)
        .put("reconnectMinMs", 50).put("reconnectMaxMs", 200);
  }

  private static void deploy(Vertx vertx, JsonObject config) throws Exception {
    vertx.deployVerticle(new SmppVerticle(), new DeploymentOptions().setConfig(config)).await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("a session that answers enquire_link but delivers nothing for idleRebindSeconds is dropped and bound again")
  void ghostSessionIsRebound(Vertx vertx) throws Exception {
    deploy(vertx, config(1));
    SMPPServerSession ghost = smsc.awaitBind(WAIT);
    long bound = System.nanoTime();

    SMPPServerSession fresh = smsc.awaitBind(WAIT);

    assertThat(fresh).isNotSameAs(ghost);
    // not at once: after the idle window (less the moment the test thread took to see the first bind)
    assertThat(Duration.ofNanos(System.nanoTime() - bound)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
  }

  @Test
  @DisplayName("the rebind of a ghost session is published as reconnecting, with the reason that names it a ghost")
  void ghostReasonIsPublished(Vertx vertx) throws Exception {
    BlockingQueue<JsonObject> statuses = new LinkedBlockingQueue<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.STATUS_BINDS, m -> statuses.add(m.body()))
        .completion().await(5, TimeUnit.SECONDS);
    deploy(vertx, config(1));
    smsc.awaitBind(WAIT);

    JsonObject reconnecting = awaitStatus(statuses, s -> "reconnecting".equals(s.getString("state")));

    assertThat(reconnecting.getString("reason")).startsWith("ghost session: enquire_link answered");
  }

  @Test
  @DisplayName("with idleRebindSeconds 0 a quiet session that answers enquire_link is kept")
  void idleRebindOff(Vertx vertx) throws Exception {
    deploy(vertx, config(0));
    smsc.awaitBind(WAIT);

    assertThat(smsc.nextBind(Duration.ofMillis(2_500))).as("a rebind").isNull();
  }

  @Test
  @DisplayName("after the SMSC dies and a new one comes up on its port, the verticle binds to it")
  void smscDiesAndComesBack(Vertx vertx) throws Exception {
    deploy(vertx, config(0));
    smsc.awaitBind(WAIT);

    smsc.close();
    smsc = JsmppSmsc.reopen(port, WAIT);

    assertThat(smsc.awaitBind(WAIT)).isNotNull();
  }

  @Test
  @DisplayName("a bind publishes its state, counters and last PDU on the status address")
  void statusIsPublished(Vertx vertx) throws Exception {
    BlockingQueue<JsonObject> statuses = new LinkedBlockingQueue<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.STATUS_BINDS, m -> statuses.add(m.body()))
        .completion().await(5, TimeUnit.SECONDS);
    vertx.eventBus().<InboundSms>consumer(Addresses.numberInbound(NUMBER),
        m -> m.reply(new SmsReceipt(m.body().id(), SmsReceipt.Disposition.INBOX, "session-1")))
        .completion().await(5, TimeUnit.SECONDS);
    deploy(vertx, config(0));
    SMPPServerSession session = smsc.awaitBind(WAIT);
    Instant before = Instant.now();

    JsmppSmsc.deliver(session, "Google", NUMBER.substring(1), 0, 0, "Your code is 1234".getBytes(StandardCharsets.US_ASCII));

    JsonObject status = awaitStatus(statuses, s -> s.getLong("acknowledged") == 1);
    assertThat(status.getString("id")).isEqualTo("operator");
    assertThat(status.getString("state")).isEqualTo("bound");
    assertThat(status.getString("node")).isNotBlank();
    assertThat(status.getLong("deliverSm")).isEqualTo(1);
    assertThat(status.getLong("refused")).isZero();
    assertThat(status.getLong("leaseToken")).isPositive();
    assertThat(Instant.parse(status.getString("lastPduAt"))).isAfterOrEqualTo(before.minusMillis(1));
    assertThat(status.getString("boundSince")).isNotNull();
  }

  @Test
  @DisplayName("a lost bind is published as reconnecting, then bound again")
  void reconnectingIsPublished(Vertx vertx) throws Exception {
    BlockingQueue<JsonObject> statuses = new LinkedBlockingQueue<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.STATUS_BINDS, m -> statuses.add(m.body()))
        .completion().await(5, TimeUnit.SECONDS);
    deploy(vertx, config(0));
    SMPPServerSession session = smsc.awaitBind(WAIT);
    awaitStatus(statuses, s -> "bound".equals(s.getString("state")));

    session.close();

    JsonObject reconnecting = awaitStatus(statuses, s -> "reconnecting".equals(s.getString("state")));
    assertThat(reconnecting.getString("reason")).isNotBlank();
    JsonObject again = awaitStatus(statuses, s -> "bound".equals(s.getString("state")));
    assertThat(again.getLong("rebinds")).isEqualTo(1);
  }

  private static JsonObject awaitStatus(BlockingQueue<JsonObject> statuses,
                                        java.util.function.Predicate<JsonObject> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject next = statuses.poll(100, TimeUnit.MILLISECONDS);
      if (next != null && wanted.test(next)) {
        return next;
      }
    }
    throw new AssertionError("no such status within " + WAIT);
  }
}
