package dev.inlet.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.node.InletNode;
import dev.inlet.smpp.JsmppSmsc;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.SMPPServerSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A production-mode node (no simulator, no synthetic pool) bound to an operator's SMSC, here jSMPP, an
 * implementation nobody on the team wrote, with the operator's own number from the configuration.
 */
class OperatorSmscTest {

  private static final String NUMBER = "+4915112345678";

  private static JsmppSmsc smsc;
  private static SMPPServerSession smscSession;
  private static InletNode node;
  private static Vertx clientVertx;
  private static LabClient client;

  @BeforeAll
  static void start() throws Exception {
    int smscPort = JsmppSmsc.freePort();
    int httpPort = Nodes.freePort();
    smsc = new JsmppSmsc(smscPort);
    JsonObject overrides = new JsonObject()
        .put("mode", "production")
        .put("storage", new JsonObject().put("kind", "embedded"))
        .put("roles", new JsonArray().add("pool").add("router").add("smpp").add("http"))
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", httpPort)
            .put("apiKeys", new JsonArray().add(Nodes.apiKeyEntry())))
        .put("smpp", new JsonObject().put("name", "operator").put("host", "127.0.0.1").put("port", smscPort)
            .put("systemId", JsmppSmsc.SYSTEM_ID).put("password", JsmppSmsc.PASSWORD))
        .put("pool", new JsonObject().put("numbers", new JsonArray()
            .add(new JsonObject().put("number", NUMBER).put("country", "DE"))));
    node = Nodes.start(overrides).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    smscSession = smsc.awaitBind(Duration.ofSeconds(20));
    clientVertx = Vertx.vertx();
    client = new LabClient(clientVertx, httpPort, Nodes.API_KEY);
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    smsc.close();
  }

  @Test
  @DisplayName("a UCS-2 deliver_sm from the operator's SMSC is acknowledged and lands in the renter's inbox")
  void operatorDelivery() throws Exception {
    JsonObject rental = client.rent(new JsonObject().put("number", NUMBER)).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    assertThat(rental.getString("country")).isEqualTo("DE");

    // returns normally only when the node answered ESME_ROK, which it does once the message is stored
    JsmppSmsc.deliver(smscSession, "Bank", "4915112345678", 0, 0x08,
        "Ihr Bestätigungscode: 665544 ✓".getBytes(StandardCharsets.UTF_16BE));

    JsonArray messages = client.get("/api/messages?session_id=" + rental.getString("session_id"))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).bodyAsJsonObject().getJsonArray("messages");
    assertThat(messages).hasSize(1);
    assertThat(messages.getJsonObject(0).getString("text")).isEqualTo("Ihr Bestätigungscode: 665544 ✓");
    assertThat(messages.getJsonObject(0).getString("code")).isEqualTo("665544");
    assertThat(messages.getJsonObject(0).getString("from")).isEqualTo("Bank");
  }

  @Test
  @DisplayName("a deliver_sm for a number the operator does not hold is refused with invalid destination address")
  void unknownNumber() {
    assertThatThrownBy(() -> JsmppSmsc.deliver(smscSession, "Bank", "4915100000000", 0, 0x00,
        "hello".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOfSatisfying(NegativeResponseException.class,
            e -> assertThat(e.getCommandStatus()).isEqualTo(0x0B));
  }

  @Test
  @DisplayName("the lab endpoints do not exist in production mode")
  void noLabEndpoint() throws Exception {
    int status = client.inject(NUMBER, "x", "y").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
        .statusCode();
    assertThat(status).isEqualTo(404);
  }
}
