package dev.inlet.smsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.type.SmppBindException;
import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.LabInjectResult;
import dev.inlet.shared.message.LabSms;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lab SMSC over real TCP, with a plain cloudhopper ESME bound to it. */
@ExtendWith(VertxExtension.class)
class SmscSimulatorVerticleTest {

  private static final String SYSTEM_ID = "inlet";
  private static final String PASSWORD = "lab-pass";
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final long RESPONSE_TIMEOUT_MS = 500;

  private int port;
  private TestEsme esme;

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    port = freePort();
    JsonObject lab = new JsonObject().put("smscPort", port).put("systemId", SYSTEM_ID).put("password", PASSWORD)
        .put("responseTimeoutMs", RESPONSE_TIMEOUT_MS);
    vertx.deployVerticle(new SmscSimulatorVerticle(), new DeploymentOptions().setConfig(lab))
        .await(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void closeEsme() {
    if (esme != null) {
      esme.close();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private TestEsme boundEsme() throws Exception {
    esme = new TestEsme().bind(port, SYSTEM_ID, PASSWORD);
    return esme;
  }

  private static Future<LabInjectResult> inject(Vertx vertx, LabSms sms) {
    return vertx.eventBus().<LabInjectResult>request(Addresses.LAB_SMSC_INJECT, sms).map(Message::body);
  }

  private static Failure failureOf(Future<?> future) {
    Throwable thrown = catchThrowable(() -> future.await(5, TimeUnit.SECONDS));
    assertThat(thrown).isInstanceOf(ReplyException.class);
    return Failure.ofCode(((ReplyException) thrown).failureCode());
  }

  @Test
  @DisplayName("an ESME binding with the wrong password is refused with ESME_RINVPASWD")
  void wrongPasswordRefused() {
    esme = new TestEsme();
    Throwable thrown = catchThrowable(() -> esme.bind(port, SYSTEM_ID, "wrong"));
    assertThat(thrown).isInstanceOfSatisfying(SmppBindException.class, e ->
        assertThat(e.getBindResponse().getCommandStatus()).isEqualTo(SmppConstants.STATUS_INVPASWD));
  }

  @Test
  @DisplayName("an ESME binding with an unknown system_id is refused with ESME_RBINDFAIL")
  void unknownSystemIdRefused() {
    esme = new TestEsme();
    Throwable thrown = catchThrowable(() -> esme.bind(port, "intruder", PASSWORD));
    assertThat(thrown).isInstanceOfSatisfying(SmppBindException.class, e ->
        assertThat(e.getBindResponse().getCommandStatus()).isEqualTo(SmppConstants.STATUS_BINDFAIL));
  }

  @Test
  @DisplayName("an injected GSM message reaches the bound ESME with the right addresses, data_coding 0x00 and text")
  void gsmMessageDelivered(Vertx vertx) throws Exception {
    boundEsme();

    LabInjectResult result = inject(vertx, new LabSms("+12125550100", "Google", "Code: 123456 [€5]"))
        .await(5, TimeUnit.SECONDS);

    DeliverSm pdu = esme.awaitDeliverSm(WAIT);
    assertThat(pdu.getDestAddress().getAddress()).isEqualTo("12125550100");
    assertThat(pdu.getDestAddress().getTon()).isEqualTo((byte) 1);
    assertThat(pdu.getSourceAddress().getAddress()).isEqualTo("Google");
    assertThat(pdu.getSourceAddress().getTon()).isEqualTo((byte) 5);
    assertThat(pdu.getDataCoding()).isEqualTo((byte) 0x00);
    assertThat(pdu.getShortMessage()).containsExactly(
        0x43, 0x6F, 0x64, 0x65, 0x3A, 0x20, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x20,
        0x1B, 0x3C, 0x1B, 0x65, 0x35, 0x1B, 0x3E);
    assertThat(result.commandStatus()).isZero();
    assertThat(result.smscMessageId()).isNotBlank();
    assertThat(result.ackedAtNanos()).isGreaterThanOrEqualTo(result.sentAtNanos());
  }

  @Test
  @DisplayName("a text GSM cannot encode reaches the ESME as UCS-2 with data_coding 0x08")
  void ucs2MessageDelivered(Vertx vertx) throws Exception {
    boundEsme();
    String text = "Ваш код 4711 \uD83D\uDC4D";

    inject(vertx, new LabSms("+447700900001", "+15550001111", text)).await(5, TimeUnit.SECONDS);

    DeliverSm pdu = esme.awaitDeliverSm(WAIT);
    assertThat(pdu.getDataCoding()).isEqualTo((byte) 0x08);
    assertThat(new String(pdu.getShortMessage(), StandardCharsets.UTF_16BE)).isEqualTo(text);
    assertThat(pdu.getSourceAddress().getAddress()).isEqualTo("+15550001111");
    assertThat(pdu.getSourceAddress().getTon()).isEqualTo((byte) 0);
  }

  @Test
  @DisplayName("a long text reaches the ESME in the message_payload TLV with an empty short_message")
  void longMessageInPayload(Vertx vertx) throws Exception {
    boundEsme();
    String text = "Lorem ipsum dolor sit amet. ".repeat(12);

    inject(vertx, new LabSms("+12125550100", "Google", text)).await(5, TimeUnit.SECONDS);

    DeliverSm pdu = esme.awaitDeliverSm(WAIT);
    assertThat(pdu.getShortMessageLength()).isZero();
    assertThat(new String(pdu.getOptionalParameter(SmppConstants.TAG_MESSAGE_PAYLOAD).getValue(),
        StandardCharsets.US_ASCII)).isEqualTo(text);
  }

  @Test
  @DisplayName("the result carries the ESME's command_status: an error answer is a reply, not a failure")
  void esmeStatusInResult(Vertx vertx) throws Exception {
    boundEsme().answering(0x64);

    LabInjectResult result = inject(vertx, new LabSms("+12125550100", "Google", "hi")).await(5, TimeUnit.SECONDS);

    assertThat(result.commandStatus()).isEqualTo(0x64);
  }

  @Test
  @DisplayName("an ESME that never answers makes the inject fail with TIMEOUT")
  void unansweredIsTimeout(Vertx vertx) throws Exception {
    boundEsme().answering(null);

    assertThat(failureOf(inject(vertx, new LabSms("+12125550100", "Google", "hi")))).isEqualTo(Failure.TIMEOUT);
  }

  @Test
  @DisplayName("an inject with no ESME bound fails with UNAVAILABLE")
  void noEsmeIsUnavailable(Vertx vertx) {
    Future<LabInjectResult> result = inject(vertx, new LabSms("+12125550100", "Google", "hi"));

    Throwable thrown = catchThrowable(() -> result.await(5, TimeUnit.SECONDS));
    assertThat(thrown).isInstanceOfSatisfying(ReplyException.class, e -> {
      assertThat(Failure.ofCode(e.failureCode())).isEqualTo(Failure.UNAVAILABLE);
      assertThat(e.getMessage()).isEqualTo("no ESME is bound to the lab SMSC");
    });
  }

  @Test
  @DisplayName("an invalid LabSms fails with INVALID_REQUEST and says what is wrong")
  void invalidIsRefused(Vertx vertx) throws Exception {
    boundEsme();

    Future<LabInjectResult> result = inject(vertx, new LabSms("12125550100", "Google", "hi"));

    Throwable thrown = catchThrowable(() -> result.await(5, TimeUnit.SECONDS));
    assertThat(thrown).isInstanceOfSatisfying(ReplyException.class, e -> {
      assertThat(Failure.ofCode(e.failureCode())).isEqualTo(Failure.INVALID_REQUEST);
      assertThat(e.getMessage()).contains("E.164");
    });
    assertThat(esme.receivedCount()).isZero();
  }

  @Test
  @DisplayName("hundreds of injects in flight are all delivered and answered, each with its own message id")
  void manyInFlight(Vertx vertx, VertxTestContext testContext) throws Exception {
    boundEsme();
    int count = 500;
    Checkpoint answered = testContext.checkpoint(count);
    Set<String> ids = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < count; i++) {
      inject(vertx, new LabSms("+12125550100", "Google", "message " + i))
          .onComplete(testContext.succeeding(result -> testContext.verify(() -> {
            assertThat(result.commandStatus()).isZero();
            assertThat(ids.add(result.smscMessageId())).isTrue();
            answered.flag();
          })));
    }
    assertThat(testContext.awaitCompletion(10, TimeUnit.SECONDS)).isTrue();
    if (testContext.failed()) {
      throw new AssertionError(testContext.causeOfFailure());
    }
  }

  @Test
  @DisplayName("deliveries alternate between two bound ESMEs")
  void roundRobin(Vertx vertx) throws Exception {
    boundEsme();
    try (TestEsme second = new TestEsme().bind(port, SYSTEM_ID, PASSWORD)) {
      for (int i = 0; i < 4; i++) {
        inject(vertx, new LabSms("+12125550100", "Google", "m" + i)).await(5, TimeUnit.SECONDS);
      }
      assertThat(esme.receivedCount()).isEqualTo(2);
      assertThat(second.receivedCount()).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("a second simulator on a port already in use fails to deploy and leaves no non-daemon thread behind")
  void portInUse(Vertx vertx) {
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    JsonObject lab = new JsonObject().put("smscPort", port).put("systemId", SYSTEM_ID).put("password", PASSWORD);

    assertThatThrownBy(() -> vertx.deployVerticle(new SmscSimulatorVerticle(), new DeploymentOptions().setConfig(lab))
        .await(5, TimeUnit.SECONDS)).hasMessageContaining(String.valueOf(port));

    assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(t -> t.isAlive() && !t.isDaemon() && !before.contains(t)
            && !t.getName().startsWith("vert.x-") && !t.getName().startsWith("inlet-smsc-blocking"))
        .isEmpty();
  }
}
