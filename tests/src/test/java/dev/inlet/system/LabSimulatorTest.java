package dev.inlet.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.inlet.node.InletNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.type.SmppBindException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The lab simulator of a real lab node serves the node's own bind only: another local ESME (here cloudhopper's
 * client) is refused, with the formerly documented credentials or a guessed password. And
 * what a lab request sends arrives verbatim.
 */
class LabSimulatorTest {

  private static final long BIND_TIMEOUT_MS = 10_000;

  private static InletNode node;
  private static LabClient client;
  private static Vertx clientVertx;

  @BeforeAll
  static void startNode() throws Exception {
    int port = Nodes.freePort();
    node = Nodes.start(Nodes.lab(port)).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    clientVertx = Vertx.vertx();
    client = new LabClient(clientVertx, port, Nodes.API_KEY);
  }

  @AfterAll
  static void stopNode() throws Exception {
    client.close();
    clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static int smscPort() {
    return node.config().getJsonObject("lab").getInteger("smscPort");
  }

  /** The command_status with which the simulator refused a bind of a second ESME. */
  private static int refusedBind(String systemId, String password) {
    DefaultSmppClient esme = new DefaultSmppClient(Executors.newCachedThreadPool(), 1);
    SmppSessionConfiguration configuration = new SmppSessionConfiguration(SmppBindType.RECEIVER, systemId, password);
    configuration.setHost("127.0.0.1");
    configuration.setPort(smscPort());
    configuration.setBindTimeout(BIND_TIMEOUT_MS);
    configuration.getLoggingOptions().setLogPdu(false);
    try {
      Throwable thrown = catchThrowable(() -> esme.bind(configuration, new DefaultSmppSessionHandler()).destroy());
      assertThat(thrown).as("the bind was not refused").isInstanceOf(SmppBindException.class);
      return ((SmppBindException) thrown).getBindResponse().getCommandStatus();
    } finally {
      esme.destroy();
    }
  }

  @Test
  @DisplayName("a second local ESME with the formerly documented inlet/lab-pass is refused (ESME_RBINDFAIL)")
  void oldCredentialsRefused() {
    assertThat(refusedBind("inlet", "lab-pass")).isEqualTo(0x0D);
  }

  @Test
  @DisplayName("a second local ESME that knows the system_id but guesses the password is refused (ESME_RINVPASWD)")
  void guessedPasswordRefused() {
    String systemId = node.config().getJsonObject("lab").getString("systemId");
    assertThat(refusedBind(systemId, "lab-pass")).isEqualTo(0x0E);
  }

  @Test
  @DisplayName("a lab SMS from +447700900123 with text \"  hi  \" is stored and listed exactly so")
  void verbatim() throws Exception {
    JsonObject rental = client.rent(new JsonObject().put("country", "GB"))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    int injected = client.inject(rental.getString("number"), "+447700900123", "  hi  ")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).statusCode();
    assertThat(injected).isEqualTo(200);
    JsonArray messages = client.get("/api/messages?session_id=" + rental.getString("session_id"))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).bodyAsJsonObject().getJsonArray("messages");
    assertThat(messages).hasSize(1);
    assertThat(messages.getJsonObject(0).getString("from")).isEqualTo("+447700900123");
    assertThat(messages.getJsonObject(0).getString("text")).isEqualTo("  hi  ");
  }
}
