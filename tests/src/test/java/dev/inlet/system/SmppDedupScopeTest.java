package dev.inlet.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.inlet.node.InletNode;
import dev.inlet.shared.message.SmsReceipt;
import dev.inlet.shared.sms.Gsm7;
import dev.inlet.smpp.JsmppSmsc;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.SMPPServerSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Exactly one stored copy under SMSC retries, and no genuine message lost to dedup: jSMPP as the SMSC over TCP, a
 * production node, and faults put on the node's bus (the router's answer to the SMPP verticle dropped, or held while
 * the SMSC's connection dies) so that a message is stored yet its deliver_sm is not acknowledged.
 */
class SmppDedupScopeTest {

  private static final String PREFIX = "+49151765432";
  private static final long ROUTE_TIMEOUT_MS = 1500;

  private static final AtomicInteger nextNumber = new AtomicInteger();
  /** What happens to the router's next answer to an inbound message: null lets it through. */
  private static final AtomicReference<Handler<DeliveryContext<Object>>> nextAnswer = new AtomicReference<>();
  private static JsmppSmsc smsc;
  private static volatile SMPPServerSession session;
  private static InletNode node;
  private static Vertx clientVertx;
  private static LabClient client;

  private String number;
  private String sessionId;

  @BeforeAll
  static void start() throws Exception {
    int smscPort = JsmppSmsc.freePort();
    int httpPort = Nodes.freePort();
    smsc = new JsmppSmsc(smscPort);
    JsonArray numbers = new JsonArray();
    for (int i = 0; i < 10; i++) {
      numbers.add(new JsonObject().put("number", PREFIX + String.format("%02d", i)).put("country", "DE"));
    }
    JsonObject overrides = new JsonObject()
        .put("mode", "production")
        .put("storage", new JsonObject().put("kind", "embedded"))
        .put("roles", new JsonArray().add("pool").add("router").add("smpp").add("http"))
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", httpPort)
            .put("apiKeys", new JsonArray().add(Nodes.apiKeyEntry())))
        .put("smpp", new JsonObject().put("name", "carrier").put("host", "127.0.0.1").put("port", smscPort)
            .put("systemId", JsmppSmsc.SYSTEM_ID).put("password", JsmppSmsc.PASSWORD)
            .put("routeTimeoutMs", ROUTE_TIMEOUT_MS).put("reconnectMinMs", 50).put("reconnectMaxMs", 200))
        .put("pool", new JsonObject().put("numbers", numbers));
    node = Nodes.start(overrides).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    session = smsc.awaitBind(Duration.ofSeconds(20));
    node.vertx().eventBus().addOutboundInterceptor(ctx -> {
      Handler<DeliveryContext<Object>> fault = ctx.message().body() instanceof SmsReceipt r
          && r.disposition() == SmsReceipt.Disposition.INBOX ? nextAnswer.getAndSet(null) : null;
      if (fault == null) {
        ctx.next();
      } else {
        fault.handle(ctx);
      }
    });
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

  @BeforeEach
  void rent() throws Exception {
    number = PREFIX + String.format("%02d", nextNumber.getAndIncrement());
    sessionId = client.rent(new JsonObject().put("number", number)).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS).getString("session_id");
  }

  @AfterEach
  void noFaultLeft() {
    nextAnswer.set(null);
  }

  private void deliver(String text) throws Exception {
    JsmppSmsc.deliver(session, "447700900001", number.substring(1), 0, 0x00, Gsm7.encode(text));
  }

  private JsonArray inbox() throws Exception {
    return client.get("/api/messages?session_id=" + sessionId).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS).bodyAsJsonObject().getJsonArray("messages");
  }

  @Test
  @DisplayName("the same text sent twice, both acknowledged, is stored twice: two genuine messages")
  void twoGenuineMessages() throws Exception {
    deliver("Your code is 123456");
    deliver("Your code is 123456");
    assertThat(inbox()).hasSize(2);
  }

  @Test
  @DisplayName("a message stored but answered with a temporary error (the router's answer lost) is stored once when the SMSC retries")
  void retryAfterError() throws Exception {
    nextAnswer.set(ctx -> { }); // dropped: the SMPP verticle's request times out
    Throwable refused = catchThrowable(() -> deliver("Your code is 654321"));
    assertThat(refused).isInstanceOfSatisfying(NegativeResponseException.class,
        e -> assertThat(e.getCommandStatus()).isEqualTo(0x64));
    assertThat(inbox()).as("stored before the error was answered").hasSize(1);

    deliver("Your code is 654321"); // the SMSC's retry: acknowledged now
    JsonArray inbox = inbox();
    assertThat(inbox).hasSize(1);
    assertThat(inbox.getJsonObject(0).getString("code")).isEqualTo("654321");
  }

  @Test
  @DisplayName("a message whose acknowledgement was lost with its connection is stored once when the SMSC delivers it again after rebinding")
  void retryAfterLostConnection() throws Exception {
    CompletableFuture<DeliveryContext<Object>> held = new CompletableFuture<>();
    nextAnswer.set(held::complete);
    SMPPServerSession first = session;
    first.setTransactionTimer(2000); // how long the SMSC waits for the deliver_sm_resp that will never come
    CompletableFuture<Throwable> firstDelivery = CompletableFuture.supplyAsync(() -> catchThrowable(
        () -> deliver("Your code is 777888")));
    DeliveryContext<Object> answer = held.get(10, TimeUnit.SECONDS); // stored; the answer is on its way
    first.close(); // the SMSC's connection dies before the acknowledgement is written
    session = smsc.awaitBind(Duration.ofSeconds(10));
    answer.next(); // too late: the deliver_sm_resp has no connection to go to
    assertThat(firstDelivery.get(20, TimeUnit.SECONDS)).as("the SMSC never got ESME_ROK").isNotNull();

    deliver("Your code is 777888"); // the SMSC delivers it again on the new bind
    assertThat(inbox()).hasSize(1);
  }
}
