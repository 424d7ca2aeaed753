package dev.inlet.http;

import static dev.inlet.http.TestApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.LabInjectResult;
import dev.inlet.shared.message.LabSms;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** The findings of issue 6 on the HTTP layer itself: each failed on the main of before. */
@ExtendWith(VertxExtension.class)
class EdgeHardeningTest {

  private TestApi api;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void start(Vertx vertx) {
    api = TestApi.start(vertx).await();
    log.start();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(log);
  }

  @AfterEach
  void detachLog() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(log);
  }

  private void assertNothingLoggedContains(String secret) {
    assertThat(log.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()
        + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).contains(secret));
  }

  @Test
  @DisplayName("a query string that is not valid percent-encoding is a 400 problem on the API, and logs nothing of it")
  void badQueryOnApi() {
    HttpResponse<Buffer> response = api.get("/api/numbers?country=%zz").send().await();
    assertThat(assertProblem(response, 400, "invalid-request", "/api/numbers")).contains("percent-encoding");
    assertNothingLoggedContains("%zz");
  }

  @Test
  @DisplayName("a WebSocket URL with a malformed query string (no key needed) is a 400 problem, not a 500 whose log holds the token")
  void badQueryOnWebSocket() {
    HttpResponse<Buffer> response = api.client.get("/ws/connect?session_id=%zz&token=secret-token-123").send().await();
    assertProblem(response, 400, "invalid-request", "/ws/connect");
    assertNothingLoggedContains("secret-token-123");
    assertThat(log.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN));
  }

  @Test
  @DisplayName("JSON with a duplicate key is refused with a 400 problem naming the key")
  void duplicateKeys() {
    HttpResponse<Buffer> response = api.post("/api/rent").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"country\":\"US\",\"country\":\"GB\"}")).await();
    assertThat(assertProblem(response, 400, "malformed-json", "/api/rent")).contains("Duplicate", "country");
  }

  @Test
  @DisplayName("JSON with a comment is refused with a 400 problem")
  void comments() {
    HttpResponse<Buffer> response = api.post("/api/rent").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"country\":\"US\" /* any */}")).await();
    assertThat(assertProblem(response, 400, "malformed-json", "/api/rent")).contains("comment");
  }

  @Test
  @DisplayName("a body that is not declared as JSON is a 415 problem naming the media type sent")
  void contentType() {
    HttpResponse<Buffer> plain = api.post("/api/rent").putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("{\"country\":\"US\"}")).await();
    assertThat(assertProblem(plain, 415, "unsupported-media-type", "/api/rent")).contains("application/json", "text/plain");
    HttpResponse<Buffer> none = api.post("/api/rent").sendBuffer(Buffer.buffer("{\"country\":\"US\"}")).await();
    assertThat(assertProblem(none, 415, "unsupported-media-type", "/api/rent")).contains("without Content-Type");
  }

  @Test
  @DisplayName("an unknown field of a body is a 400 problem naming it")
  void unknownField() {
    HttpResponse<Buffer> response = api.post("/api/rent").sendJsonObject(new JsonObject().put("country", "US")
        .put("contry", "GB")).await();
    assertThat(assertProblem(response, 400, "invalid-request", "/api/rent")).contains("\"contry\" is not a field");
  }

  @Test
  @DisplayName("a request line over 4096 bytes is a 414 problem+json, not an empty body")
  void uriTooLong(Vertx vertx) {
    String answer = raw(vertx, "GET /api/numbers?country=" + "x".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(answer).matches("(?s)HTTP/1\\.[01] 414 .*").contains("application/problem+json").contains("\"status\":414");
  }

  @Test
  @DisplayName("headers over 8 KiB are a 431 problem+json, not an empty body")
  void headersTooLarge(Vertx vertx) {
    String answer = raw(vertx, "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(9000) + "\r\n\r\n");
    assertThat(answer).matches("(?s)HTTP/1\\.[01] 431 .*").contains("application/problem+json").contains("\"status\":431");
  }

  @Test
  @DisplayName("a request line that is not HTTP is a 400 problem+json, not an empty body")
  void badRequestLine(Vertx vertx) {
    String answer = raw(vertx, "HELLO THERE\r\n\r\n");
    assertThat(answer).matches("(?s)HTTP/1\\.[01] 400 .*").contains("application/problem+json").contains("\"status\":400");
  }

  @Test
  @DisplayName("a client that sends one header line at a time, never ending its head, is disconnected after headerTimeoutMs")
  void slowHeaders(Vertx vertx) {
    // no idle timeout to speak of: only the header deadline can end this connection
    TestApi slow = TestApi.start(vertx, TestApi.config("lab").put("headerTimeoutMs", 500).put("idleTimeoutSeconds", 600))
        .await();
    // the client stays referenced to the end: Vert.x closes an unreferenced client and its sockets, which would
    // end this connection without the server doing anything
    NetClient client = vertx.createNetClient();
    NetSocket socket = client.connect(slow.verticle.actualPort(), "127.0.0.1").await();
    Promise<Void> closed = Promise.promise();
    socket.closeHandler(v -> closed.tryComplete());
    socket.write("GET /health HTTP/1.1\r\nHost: x\r\n");
    long drip = vertx.setPeriodic(100, t -> socket.write("X-Drip: 1\r\n"));
    closed.future().timeout(20, java.util.concurrent.TimeUnit.SECONDS).await();
    vertx.cancelTimer(drip);
    client.close().await();
  }

  @Test
  @DisplayName("a connection that stays silent after its response is closed after idleTimeoutSeconds")
  void idleConnection(Vertx vertx) {
    // no header deadline to speak of: only the idle timeout (1 s) can end this connection
    TestApi idle = TestApi.start(vertx, TestApi.config("lab").put("headerTimeoutMs", 600_000).put("idleTimeoutSeconds", 1))
        .await();
    NetClient client = vertx.createNetClient(); // referenced to the end, as above
    NetSocket socket = client.connect(idle.verticle.actualPort(), "127.0.0.1").await();
    Promise<Void> closed = Promise.promise();
    StringBuilder answer = new StringBuilder();
    socket.handler(b -> answer.append(b.toString()));
    socket.closeHandler(v -> closed.tryComplete());
    socket.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    closed.future().timeout(20, java.util.concurrent.TimeUnit.SECONDS).await();
    client.close().await();
    assertThat(answer.toString()).startsWith("HTTP/1.1 200");
  }

  @Test
  @DisplayName("a lab SMS reaches the simulator with from and text exactly as sent: a + and surrounding spaces are kept")
  void labSmsVerbatim(Vertx vertx) {
    AtomicReference<LabSms> seen = new AtomicReference<>();
    vertx.eventBus().<LabSms>consumer(Addresses.LAB_SMSC_INJECT, m -> {
      seen.set(m.body());
      m.reply(new LabInjectResult(0, "smsc-1", 1L, 2L));
    }).completion().await();
    HttpResponse<Buffer> response = api.post("/api/lab/sms").sendJsonObject(new JsonObject()
        .put("to", "+12125550100").put("from", "+447700900123").put("text", "  hi  ")).await();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(seen.get().from()).isEqualTo("+447700900123");
    assertThat(seen.get().text()).isEqualTo("  hi  ");
  }

  @Test
  @DisplayName("responses that carry secrets (a rental, a token, messages) and every problem say Cache-Control: no-store")
  void noStore() {
    HttpResponse<Buffer> problem = api.get("/api/messages?session_id=s-1").send().await();
    assertThat(problem.getHeader("Cache-Control")).isEqualTo("no-store");
  }

  /** Sends raw bytes and answers what the server wrote before closing. */
  private String raw(Vertx vertx, String request) {
    NetClient client = vertx.createNetClient(); // referenced to the end: an unreferenced one closes its sockets
    NetSocket socket = client.connect(api.verticle.actualPort(), "127.0.0.1").await();
    Promise<String> answer = Promise.promise();
    StringBuilder sb = new StringBuilder();
    socket.handler(b -> sb.append(b.toString()));
    socket.closeHandler(v -> answer.tryComplete(sb.toString()));
    socket.write(request);
    String written = answer.future().await();
    client.close().await();
    return written;
  }
}
