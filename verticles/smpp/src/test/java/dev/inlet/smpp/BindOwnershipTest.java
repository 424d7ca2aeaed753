package dev.inlet.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jsmpp.session.SMPPServerSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Binds per account with leases (embedded leases, one Vert.x): however many verticle instances ask, jSMPP sees
 * {@code bindCount} binds; another instance binds once the holder goes.
 */
@ExtendWith(VertxExtension.class)
class BindOwnershipTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  /** Instances that stand by ask every third of the 1 s lease: in this time each asked several times. */
  private static final Duration QUIET = Duration.ofMillis(2_500);

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

  private JsonObject config(String name) {
    return new JsonObject().put("name", name).put("host", "127.0.0.1").put("port", port)
        .put("systemId", JsmppSmsc.SYSTEM_ID).put("password", JsmppSmsc.PASSWORD).put("bindType", "receiver")
        .put("leaseSeconds", 1).put("reconnectMinMs", 50).put("reconnectMaxMs", 200);
  }

  private static String deploy(Vertx vertx, JsonObject config, int instances) throws Exception {
    return vertx.deployVerticle(SmppVerticle.class, new DeploymentOptions().setConfig(config).setInstances(instances))
        .await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("three instances of the verticle bind a one-bind account once")
  void oneBindForManyInstances(Vertx vertx) throws Exception {
    deploy(vertx, config("operator"), 3);

    assertThat(smsc.awaitBind(WAIT)).isNotNull();
    assertThat(smsc.nextBind(QUIET)).as("a second bind of the same account").isNull();
  }

  @Test
  @DisplayName("an account with bindCount 2 is bound twice by three instances, never three times")
  void bindCountSlots(Vertx vertx) throws Exception {
    deploy(vertx, config("operator").put("bindCount", 2), 3);

    assertThat(smsc.awaitBind(WAIT)).isNotNull();
    assertThat(smsc.awaitBind(WAIT)).isNotNull();
    assertThat(smsc.nextBind(QUIET)).as("a third bind").isNull();
  }

  @Test
  @DisplayName("when the holding deployment stops (and releases its lease) a standing-by one binds at once")
  void standbyTakesOver(Vertx vertx) throws Exception {
    // a 6 s lease: had it to run out, the takeover would take at least 6 s; released, it takes one ask (every 2 s)
    JsonObject config = config("operator").put("leaseSeconds", 6);
    String first = deploy(vertx, config, 1);
    SMPPServerSession firstBind = smsc.awaitBind(WAIT);
    deploy(vertx, config, 1);
    assertThat(smsc.nextBind(QUIET)).as("the second deployment while the first holds the lease").isNull();

    long stopped = System.nanoTime();
    vertx.undeploy(first).await(10, TimeUnit.SECONDS);
    SMPPServerSession takeover = smsc.awaitBind(WAIT);

    assertThat(takeover).isNotSameAs(firstBind);
    assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofMillis(4_000));
  }

  @Test
  @DisplayName("two accounts are leased apart: each is bound once")
  void accountsAreIndependent(Vertx vertx) throws Exception {
    JsonObject config = config("unused").put("binds", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("name", "operator-a")).add(new JsonObject().put("name", "operator-b")));
    deploy(vertx, config, 2);

    assertThat(smsc.awaitBind(WAIT)).isNotNull();
    assertThat(smsc.awaitBind(WAIT)).isNotNull();
    assertThat(smsc.nextBind(QUIET)).as("a third bind").isNull();
  }
}
