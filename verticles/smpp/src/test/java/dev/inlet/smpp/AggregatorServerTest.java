package dev.inlet.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.DeliverSmResp;
import com.cloudhopper.smpp.pdu.EnquireLink;
import com.cloudhopper.smpp.pdu.EnquireLinkResp;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.SmppBindException;
import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.SmsReceipt;
import dev.inlet.shared.runtime.DaemonThreads;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.SubmitSmResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SMPP server for aggregators, with ESMEs written by others over TCP: jSMPP sends submit_sm, cloudhopper's
 * client deliver_sm and tries wrong credentials and one bind too many. A bus consumer plays the router.
 */
@ExtendWith(VertxExtension.class)
class AggregatorServerTest {

  private static final String NUMBER = "+12125550100";
  private static final String ACCOUNT = "aggregator1";
  private static final String PASSWORD = "pw-123";

  private int port;
  private ExecutorService clientThreads;
  private ScheduledThreadPoolExecutor clientMonitor;
  private DefaultSmppClient cloudhopper;
  private final List<SmppSession> cloudhopperSessions = new ArrayList<>();
  private final List<SMPPSession> jsmppSessions = new ArrayList<>();

  @BeforeEach
  void deployServer(Vertx vertx) throws Exception {
    port = JsmppSmsc.freePort();
    JsonObject config = new JsonObject().put("server", new JsonObject().put("host", "127.0.0.1").put("port", port)
        .put("routeTimeoutMs", 1000).put("accounts", new JsonArray()
            .add(new JsonObject().put("systemId", ACCOUNT).put("password", PASSWORD).put("maxBinds", 1))));
    vertx.deployVerticle(SmppVerticle.class, new DeploymentOptions().setConfig(config).setInstances(2))
        .await(10, TimeUnit.SECONDS);
    clientThreads = Executors.newCachedThreadPool(new DaemonThreads("test-esme"));
    clientMonitor = new ScheduledThreadPoolExecutor(1, new DaemonThreads("test-esme-monitor"));
    cloudhopper = new DefaultSmppClient(clientThreads, 2, clientMonitor);
  }

  @AfterEach
  void closeClients() {
    jsmppSessions.forEach(SMPPSession::unbindAndClose);
    cloudhopperSessions.forEach(SmppSession::destroy);
    cloudhopper.destroy();
    clientThreads.shutdownNow();
    clientMonitor.shutdownNow();
  }

  private SmppSession cloudhopperBind(String systemId, String password) throws Exception {
    SmppSessionConfiguration c = new SmppSessionConfiguration(SmppBindType.TRANSCEIVER, systemId, password);
    c.setHost("127.0.0.1");
    c.setPort(port);
    c.setBindTimeout(5_000);
    c.getLoggingOptions().setLogPdu(false);
    c.getLoggingOptions().setLogBytes(false);
    SmppSession session = cloudhopper.bind(c, new DefaultSmppSessionHandler());
    cloudhopperSessions.add(session);
    return session;
  }

  private int refusedBind(String systemId, String password) {
    Throwable thrown = catchThrowable(() -> cloudhopperBind(systemId, password));
    assertThat(thrown).isInstanceOf(SmppBindException.class);
    return ((SmppBindException) thrown).getBindResponse().getCommandStatus();
  }

  private SMPPSession jsmppBind() throws Exception {
    SMPPSession session = new SMPPSession();
    session.setTransactionTimer(5_000);
    session.connectAndBind("127.0.0.1", port, new BindParameter(BindType.BIND_TRX, ACCOUNT, PASSWORD, "",
        TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
    jsmppSessions.add(session);
    return session;
  }

  private static SubmitSmResult submit(SMPPSession session, String text) throws Exception {
    return session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "Google",
        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, NUMBER.substring(1), new ESMClass(), (byte) 0,
        (byte) 1, null, null, new RegisteredDelivery(0), (byte) 0, DataCodings.newInstance((byte) 0),
        (byte) 0, text.getBytes(StandardCharsets.US_ASCII));
  }

  private static CompletableFuture<Message<InboundSms>> router(Vertx vertx) throws Exception {
    CompletableFuture<Message<InboundSms>> received = new CompletableFuture<>();
    vertx.eventBus().<InboundSms>consumer(Addresses.numberInbound(NUMBER), received::complete)
        .completion().await(5, TimeUnit.SECONDS);
    return received;
  }

  private static SmsReceipt receiptFor(InboundSms sms) {
    return new SmsReceipt(sms.id(), SmsReceipt.Disposition.INBOX, "session-1");
  }

  @Test
  @DisplayName("a submit_sm from jSMPP to our number enters the ingest path and is acknowledged only once stored")
  void submitSmIsIngested(Vertx vertx) throws Exception {
    CompletableFuture<Message<InboundSms>> received = router(vertx);
    SMPPSession session = jsmppBind();

    CompletableFuture<SubmitSmResult> answer = CompletableFuture.supplyAsync(() -> {
      try {
        return submit(session, "Your code is 445566");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Message<InboundSms> request = received.get(5, TimeUnit.SECONDS);
    assertThat(answer).as("answered before the router stored it").isNotDone();
    request.reply(receiptFor(request.body()));

    assertThat(answer.get(5, TimeUnit.SECONDS).getMessageId()).isNotBlank();
    assertThat(request.body().text()).isEqualTo("Your code is 445566");
    assertThat(request.body().from()).isEqualTo("Google");
    assertThat(request.body().to()).isEqualTo(NUMBER);
  }

  @Test
  @DisplayName("a deliver_sm from cloudhopper's client to our number is stored and answered ESME_ROK")
  void deliverSmIsIngested(Vertx vertx) throws Exception {
    CompletableFuture<Message<InboundSms>> received = router(vertx);
    received.thenAccept(m -> m.reply(receiptFor(m.body())));
    SmppSession session = cloudhopperBind(ACCOUNT, PASSWORD);
    DeliverSm pdu = new DeliverSm();
    pdu.setSourceAddress(new Address((byte) 1, (byte) 1, "447700900123"));
    pdu.setDestAddress(new Address((byte) 1, (byte) 1, NUMBER.substring(1)));
    pdu.setShortMessage(CharsetUtil.encode("Code 9911", CharsetUtil.CHARSET_GSM));

    var answer = session.sendRequestPdu(pdu, 5_000, true);
    assertThat(answer.await(5_000)).as("answered in time").isTrue();
    DeliverSmResp resp = (DeliverSmResp) answer.getResponse();

    assertThat(resp.getCommandStatus()).isZero();
    assertThat(received.get(1, TimeUnit.SECONDS).body().text()).isEqualTo("Code 9911");
  }

  @Test
  @DisplayName("when the store is down the aggregator gets the temporary error 0x64 (ESME_RX_T_APPN) and may retry")
  void storeDownIsTemporary(Vertx vertx) throws Exception {
    router(vertx).thenAccept(m -> m.fail(Failure.STORE_UNAVAILABLE.code(), "PostgreSQL is down"));
    SMPPSession session = jsmppBind();

    Throwable thrown = catchThrowable(() -> submit(session, "Your code is 1"));

    assertThat(thrown).isInstanceOf(NegativeResponseException.class);
    assertThat(((NegativeResponseException) thrown).getCommandStatus()).isEqualTo(SmppStatus.ESME_RX_T_APPN);
  }

  @Test
  @DisplayName("a wrong password is refused with ESME_RINVPASWD (0x0E)")
  void wrongPassword() {
    assertThat(refusedBind(ACCOUNT, "nope")).isEqualTo(0x0E);
  }

  @Test
  @DisplayName("an unknown system_id is refused with ESME_RINVSYSID (0x0F)")
  void unknownSystemId() {
    assertThat(refusedBind("stranger", PASSWORD)).isEqualTo(0x0F);
  }

  @Test
  @DisplayName("a bind beyond the account's maxBinds is refused with ESME_RALYBND (0x05); once the first unbinds, a new one is let in")
  void bindLimit() throws Exception {
    SmppSession first = cloudhopperBind(ACCOUNT, PASSWORD);

    assertThat(refusedBind(ACCOUNT, PASSWORD)).isEqualTo(0x05);

    first.unbind(5_000); // returns once unbind_resp arrived: the server has let the place go by then

    assertThat(cloudhopperBind(ACCOUNT, PASSWORD).isBound()).as("a bind after the first left").isTrue();
  }

  @Test
  @DisplayName("the limit holds across servers that share the leases: at its limit on one node, the account is refused on another")
  void limitAcrossNodes(Vertx vertx) throws Exception {
    int otherPort = JsmppSmsc.freePort();
    JsonObject other = new JsonObject().put("server", new JsonObject().put("host", "127.0.0.1").put("port", otherPort)
        .put("accounts", new JsonArray()
            .add(new JsonObject().put("systemId", ACCOUNT).put("password", PASSWORD).put("maxBinds", 1))));
    vertx.deployVerticle(SmppVerticle.class, new DeploymentOptions().setConfig(other)).await(10, TimeUnit.SECONDS);
    SmppSession first = cloudhopperBind(ACCOUNT, PASSWORD);

    int refused = port;
    port = otherPort;
    assertThat(refusedBind(ACCOUNT, PASSWORD)).isEqualTo(0x05);

    first.unbind(5_000);
    assertThat(cloudhopperBind(ACCOUNT, PASSWORD).isBound()).as("bound on the other node once the first left")
        .isTrue();
    port = refused;
  }

  @Test
  @DisplayName("a place is free again when the aggregator's connection drops without an unbind")
  void placeFreedOnDisconnect() throws Exception {
    SMPPSession first = jsmppBind();
    jsmppSessions.remove(first);

    first.close(); // no unbind: the TCP connection just closes
    SmppSession again = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (again == null && System.nanoTime() < deadline) {
      try {
        again = cloudhopperBind(ACCOUNT, PASSWORD);
      } catch (SmppBindException e) {
        // the server has not noticed the closed connection yet
        assertThat(e.getBindResponse().getCommandStatus()).isEqualTo(0x05);
      }
    }

    assertThat(again).as("a bind after the first connection dropped").isNotNull();
  }

  @Test
  @DisplayName("enquire_link from an aggregator is answered")
  void enquireLinkAnswered() throws Exception {
    SmppSession session = cloudhopperBind(ACCOUNT, PASSWORD);

    EnquireLinkResp resp = session.enquireLink(new EnquireLink(), 5_000);

    assertThat(resp.getCommandStatus()).isZero();
  }
}
