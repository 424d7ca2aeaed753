package dev.inlet.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.DeliveryReceipt;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.SmsReceipt;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.SMPPServerSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SMPP verticle bound to jSMPP, an SMSC implementation by other authors, over real TCP. */
@ExtendWith(VertxExtension.class)
class SmppVerticleJsmppTest {

  private static final String NUMBER = "+12125550100";
  private static final String OTHER_NUMBER = "+12125550101";
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final long ROUTE_TIMEOUT_MS = 500;
  private static final int DEFAULT_ALPHABET = 0x00;

  private JsmppSmsc smsc;
  private int port;
  private String deploymentId;

  @BeforeEach
  void startSmsc() throws Exception {
    port = JsmppSmsc.freePort();
    smsc = new JsmppSmsc(port);
  }

  @AfterEach
  void stopAll(Vertx vertx) throws Exception {
    if (deploymentId != null) {
      vertx.undeploy(deploymentId).await(5, TimeUnit.SECONDS);
    }
    smsc.close();
  }

  private static JsonObject config(int port) {
    return new JsonObject().put("name", "lab").put("host", "127.0.0.1").put("port", port)
        .put("systemId", JsmppSmsc.SYSTEM_ID).put("password", JsmppSmsc.PASSWORD).put("bindType", "receiver")
        .put("windowSize", 16).put("enquireLinkSeconds", 30).put("routeTimeoutMs", ROUTE_TIMEOUT_MS)
        .put("reconnectMinMs", 50).put("reconnectMaxMs", 200);
  }

  private void deploy(Vertx vertx, int smscPort) throws Exception {
    deploymentId = vertx.deployVerticle(new SmppVerticle(), new DeploymentOptions().setConfig(config(smscPort)))
        .await(5, TimeUnit.SECONDS);
  }

  private SMPPServerSession deployAndBind(Vertx vertx) throws Exception {
    deploy(vertx, port);
    return smsc.awaitBind(WAIT);
  }

  private static <T> void consume(Vertx vertx, String address, Handler<Message<T>> handler) throws Exception {
    vertx.eventBus().<T>consumer(address, handler).completion().await(5, TimeUnit.SECONDS);
  }

  private static SmsReceipt receiptFor(InboundSms sms) {
    return new SmsReceipt(sms.id(), SmsReceipt.Disposition.INBOX, "session-1");
  }

  private static byte[] gsm(String ascii) {
    return ascii.getBytes(StandardCharsets.US_ASCII);
  }

  private static void deliverText(SMPPServerSession session, String to, String text) throws Exception {
    JsmppSmsc.deliver(session, "Google", to, 0x00, DEFAULT_ALPHABET, gsm(text));
  }

  private static int refusalStatus(ThrowingRunnable delivery) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(delivery::run);
    assertThat(thrown).isInstanceOf(NegativeResponseException.class);
    return ((NegativeResponseException) thrown).getCommandStatus();
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  @DisplayName("a deliver_sm reaches the number's inbound address as an InboundSms and jSMPP gets ESME_ROK")
  void deliveredAndAcknowledged(Vertx vertx) throws Exception {
    SMPPServerSession session = deployAndBind(vertx);
    CompletableFuture<InboundSms> received = new CompletableFuture<>();
    consume(vertx, Addresses.numberInbound(NUMBER), (Message<InboundSms> msg) -> {
      received.complete(msg.body());
      msg.reply(receiptFor(msg.body()));
    });

    deliverText(session, "12125550100", "Your code is 123456");

    InboundSms sms = received.get(5, TimeUnit.SECONDS);
    assertThat(sms.to()).isEqualTo(NUMBER);
    assertThat(sms.from()).isEqualTo("Google");
    assertThat(sms.text()).isEqualTo("Your code is 123456");
    assertThat(sms.source()).isEqualTo("smpp:lab");
    assertThat(sms.id()).isNotBlank();
    assertThat(sms.sourceRef()).containsOnlyDigits();
    assertThat(sms.receivedAt()).isNotNull();
  }

  @Test
  @DisplayName("the deliver_sm is acknowledged only after the router has replied")
  void acknowledgedOnlyAfterTheReply(Vertx vertx) throws Exception {
    SMPPServerSession session = deployAndBind(vertx);
    Promise<Void> stored = Promise.promise();
    CompletableFuture<Void> firstArrived = new CompletableFuture<>();
    consume(vertx, Addresses.numberInbound(NUMBER), (Message<InboundSms> msg) -> {
      firstArrived.complete(null);
      stored.future().onSuccess(v -> msg.reply(receiptFor(msg.body())));
    });
    consume(vertx, Addresses.numberInbound(OTHER_NUMBER), (Message<InboundSms> msg) -> msg.reply(receiptFor(msg.body())));

    CompletableFuture<Void> firstDelivery = CompletableFuture.runAsync(() -> {
      try {
        deliverText(session, "12125550100", "first");
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    });
    firstArrived.get(5, TimeUnit.SECONDS);
    // a later message's answer travels the same connection: had the first been acknowledged early, its
    // answer would have come back before this one
    deliverText(session, "12125550101", "second");
    assertThat(firstDelivery).isNotDone();

    stored.complete();
    firstDelivery.get(5, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("when the router cannot store the message (STORE_UNAVAILABLE) jSMPP gets the temporary error 0x64")
  void storeUnavailableIsTemporary(Vertx vertx) throws Exception {
    SMPPServerSession session = deployAndBind(vertx);
    consume(vertx, Addresses.numberInbound(NUMBER),
        (Message<InboundSms> msg) -> msg.fail(Failure.STORE_UNAVAILABLE.code(), "the inbox store is down"));

    assertThat(refusalStatus(() -> deliverText(session, "12125550100", "hello"))).isEqualTo(0x64);
  }

  @Test
  @DisplayName("when nobody serves the number nor the unrouted address (no router runs) jSMPP gets 0x64")
  void noRouterIsTemporary(Vertx vertx) throws Exception {
    SMPPServerSession session = deployAndBind(vertx);

    assertThat(refusalStatus(() -> deliverText(session, "12125550100", "hello"))).isEqualTo(0x64);
  }

  @Test
  @DisplayName("a number nobody serves goes to the unrouted address once; UNKNOWN_NUMBER there gives 0x0B")
  void unknownNumberIsAnInvalidDestination(Vertx vertx) throws Exception {
    SMPPServerSession session = deployAndBind(vertx);
    AtomicInteger unroutedRequests = new AtomicInteger();
    CompletableFuture<InboundSms> unrouted = new CompletableFuture<>();
    consume(vertx, Addresses.ROUTER_UNROUTED, (Message<InboundSms> msg) -> {
      unroutedRequests.incrementAndGet();
      unrouted.complete(msg.body());
      msg.fail(Failure.UNKNOWN_NUMBER.code(), "not in the pool");
    });

    assertThat(refusalStatus(() -> deliverText(session, "12125550100", "hello"))).isEqualTo(0x0B);
    assertThat(unrouted.get(5, TimeUnit.SECONDS).text()).isEqualTo("hello");
    assertThat(unroutedRequests).hasValue(1);
  }

  @Test
  @DisplayName("a number nobody serves is stored through the unrouted address and acknowledged with ESME_ROK")
  void unroutedIsStored(Vertx vertx) throws Exception {
    SMPPServerSession session = deployAndBind(vertx);
    consume(vertx, Addresses.ROUTER_UNROUTED, (Message<InboundSms> msg) ->
        msg.reply(new SmsReceipt(msg.body().id(), SmsReceipt.Disposition.UNMATCHED, null)));

    deliverText(session, "12125550100", "hello");
  }

  @Test
  @DisplayName("a router that does not reply within routeTimeoutMs gives the temporary error 0x64")
  void routeTimeoutIsTemporary(Vertx vertx) throws Exception {
    SMPPServerSession session = deployAndBind(vertx);
    consume(vertx, Addresses.numberInbound(NUMBER), (Message<InboundSms> msg) -> {
      // never replies
    });

    assertThat(refusalStatus(() -> deliverText(session, "12125550100", "hello"))).isEqualTo(0x64);
  }

  @Test
  @DisplayName("a destination that is not an international number is refused with 0x0B without touching the bus")
  void badDestinationNeverReachesTheBus(Vertx vertx) throws Exception {
    SMPPServerSession session = deployAndBind(vertx);
    AtomicInteger routed = new AtomicInteger();
    consume(vertx, Addresses.ROUTER_UNROUTED, (Message<InboundSms> msg) -> {
      routed.incrementAndGet();
      msg.reply(receiptFor(msg.body()));
    });

    assertThat(refusalStatus(() -> deliverText(session, "0123", "hello"))).isEqualTo(0x0B);
    assertThat(routed).hasValue(0);
  }

  @Test
  @DisplayName("an undecodable message (odd-length UCS-2) is refused with the permanent error 0x65")
  void undecodableIsPermanent(Vertx vertx) throws Exception {
    SMPPServerSession session = deployAndBind(vertx);

    assertThat(refusalStatus(() -> JsmppSmsc.deliver(session, "Google", "12125550100", 0x00, 0x08,
        new byte[] {0x00, 0x41, 0x00}))).isEqualTo(0x65);
  }

  @Test
  @DisplayName("a delivery receipt is stored apart (the router's receipts address), acknowledged with ESME_ROK, not routed")
  void receiptAcknowledgedNotRouted(Vertx vertx) throws Exception {
    SMPPServerSession session = deployAndBind(vertx);
    AtomicInteger routed = new AtomicInteger();
    CompletableFuture<DeliveryReceipt> stored = new CompletableFuture<>();
    consume(vertx, Addresses.numberInbound(NUMBER), (Message<InboundSms> msg) -> routed.incrementAndGet());
    consume(vertx, Addresses.ROUTER_UNROUTED, (Message<InboundSms> msg) -> routed.incrementAndGet());
    consume(vertx, Addresses.ROUTER_RECEIPTS, (Message<DeliveryReceipt> msg) -> {
      stored.complete(msg.body());
      msg.reply(new SmsReceipt(msg.body().id(), SmsReceipt.Disposition.RECEIPT, null));
    });

    JsmppSmsc.deliver(session, "12125550100", "12125550100", 0x04, DEFAULT_ALPHABET,
        gsm("id:abc sub:001 dlvrd:001 submit date:2501020304 done date:2501020305 stat:DELIVRD err:000 text:"));
    assertThat(stored.get(5, TimeUnit.SECONDS).receiptedMessageId()).isEqualTo("abc");
    assertThat(routed).hasValue(0);
  }

  @Test
  @DisplayName("a delivery receipt that cannot be stored is refused with a temporary error, so the SMSC keeps it")
  void receiptNotStored(Vertx vertx) throws Exception {
    SMPPServerSession session = deployAndBind(vertx);
    consume(vertx, Addresses.ROUTER_RECEIPTS, (Message<DeliveryReceipt> msg) ->
        msg.fail(Failure.STORE_UNAVAILABLE.code(), "store down"));

    assertThat(refusalStatus(() -> JsmppSmsc.deliver(session, "12125550100", "12125550100", 0x04, DEFAULT_ALPHABET,
        gsm("id:abc stat:DELIVRD")))).isEqualTo(0x64);
  }

  @Test
  @DisplayName("a UCS-2 message with an emoji arrives intact")
  void ucs2Emoji(Vertx vertx) throws Exception {
    SMPPServerSession session = deployAndBind(vertx);
    CompletableFuture<InboundSms> received = new CompletableFuture<>();
    consume(vertx, Addresses.numberInbound(NUMBER), (Message<InboundSms> msg) -> {
      received.complete(msg.body());
      msg.reply(receiptFor(msg.body()));
    });

    String text = "Код 4711 \uD83D\uDC4D";
    JsmppSmsc.deliver(session, "+447700900123", "12125550100", 0x00, 0x08, text.getBytes(StandardCharsets.UTF_16BE));
    assertThat(received.get(5, TimeUnit.SECONDS).text()).isEqualTo(text);
    assertThat(received.get().from()).isEqualTo("+447700900123");
  }

  @Test
  @DisplayName("the verticle binds again after the SMSC unbinds and closes the session")
  void rebindsAfterUnbind(Vertx vertx) throws Exception {
    SMPPServerSession first = deployAndBind(vertx);
    consume(vertx, Addresses.numberInbound(NUMBER), (Message<InboundSms> msg) -> msg.reply(receiptFor(msg.body())));

    first.unbindAndClose();

    SMPPServerSession second = smsc.awaitBind(WAIT);
    deliverText(second, "12125550100", "after the rebind");
  }

  @Test
  @DisplayName("the verticle binds again after the SMSC drops the connection")
  void rebindsAfterConnectionLoss(Vertx vertx) throws Exception {
    SMPPServerSession first = deployAndBind(vertx);
    consume(vertx, Addresses.numberInbound(NUMBER), (Message<InboundSms> msg) -> msg.reply(receiptFor(msg.body())));

    first.close();

    SMPPServerSession second = smsc.awaitBind(WAIT);
    deliverText(second, "12125550100", "after the reconnect");
  }

  @Test
  @DisplayName("deployment succeeds while the SMSC is down, and the verticle binds once it comes up")
  void bindsOnceTheSmscIsUp(Vertx vertx) throws Exception {
    int laterPort = JsmppSmsc.freePort();
    deploy(vertx, laterPort);

    try (JsmppSmsc later = new JsmppSmsc(laterPort)) {
      SMPPServerSession session = later.awaitBind(WAIT);
      consume(vertx, Addresses.numberInbound(NUMBER), (Message<InboundSms> msg) -> msg.reply(receiptFor(msg.body())));
      deliverText(session, "12125550100", "hello");
      vertx.undeploy(deploymentId).await(5, TimeUnit.SECONDS);
      deploymentId = null;
    }
  }

  @Test
  @DisplayName("undeploying unbinds from the SMSC and leaves no cloudhopper or Netty thread running")
  void undeployCleansUp(Vertx vertx) throws Exception {
    SMPPServerSession session = deployAndBind(vertx);

    vertx.undeploy(deploymentId).await(5, TimeUnit.SECONDS);
    deploymentId = null;

    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
        && (t.getName().startsWith("inlet-smpp-io") || t.getName().startsWith("inlet-smpp-monitor")
        || t.getName().startsWith("inlet-smpp-lab") || t.getName().startsWith("New I/O")
        || t.getName().startsWith("Hashed wheel timer")));
    // the session was unbound: the SMSC cannot deliver on it any more
    assertThatThrownBy(() -> deliverText(session, "12125550100", "too late")).isInstanceOf(java.io.IOException.class);
  }
}
