package dev.inlet.api;

import static dev.inlet.api.ApiStack.US_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a session socket refuses from a client, over a hand-written RFC 6455 client (an ordinary one would not
 * send these frames), and the life of the tokens that open it.
 */
class SocketProtectionTest extends ApiStackTest {

  private static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.await(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within 10 s", e);
    }
  }

  private JsonObject rental() {
    return await(api.rent(US_1));
  }

  private String freshToken(String session) {
    return await(ApiStack.ok(api.post("/api/ws-token").sendJsonObject(new JsonObject().put("session_id", session))))
        .getString("token");
  }

  private RawWebSocket open(JsonObject rental) throws Exception {
    RawWebSocket ws = new RawWebSocket(api.http.actualPort(), "/ws/connect?session_id=" + rental.getString("session_id")
        + "&token=" + rental.getString("ws_token"), 0);
    assertThat(ws.status).startsWith("HTTP/1.1 101");
    return ws;
  }

  @Test
  @DisplayName("a text frame that is not UTF-8 closes the socket with 1007")
  void invalidUtf8() throws Exception {
    try (RawWebSocket ws = open(rental())) {
      ws.send(RawWebSocket.TEXT, new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28});
      assertThat(ws.readUntilClose().closeStatus()).isEqualTo(1007);
    }
  }

  @Test
  @DisplayName("valid UTF-8, split inside a character across two fragments, is accepted")
  void validUtf8Accepted() throws Exception {
    try (RawWebSocket ws = open(rental())) {
      byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
      ws.sendFragment(RawWebSocket.TEXT, new byte[] {'a', euro[0]}, false);
      ws.sendFragment(0, new byte[] {euro[1], euro[2]}, true);
      // still open: a ping is answered with a pong
      ws.send(RawWebSocket.PING, new byte[] {1});
      assertThat(ws.read().opcode()).isEqualTo(RawWebSocket.PONG);
    }
  }

  @Test
  @DisplayName("a frame larger than http.wsMaxFrameBytes (16 KiB) closes the socket with 1009")
  void oversizedFrame() throws Exception {
    try (RawWebSocket ws = open(rental())) {
      ws.send(RawWebSocket.BINARY, new byte[17_000]);
      assertThat(ws.readUntilClose().closeStatus()).isEqualTo(1009);
    }
  }

  @Test
  @DisplayName("more than 10 pings in a second close the socket with 1008")
  void pingFlood() throws Exception {
    try (RawWebSocket ws = open(rental())) {
      for (int i = 0; i < 50; i++) {
        ws.send(RawWebSocket.PING, new byte[] {(byte) i});
      }
      assertThat(ws.readUntilClose().closeStatus()).isEqualTo(1008);
    }
  }

  @Test
  @DisplayName("a token opens one socket: the second upgrade with it is refused with 404")
  void tokenSingleUse() throws Exception {
    JsonObject rental = rental();
    try (RawWebSocket first = open(rental);
         RawWebSocket second = new RawWebSocket(api.http.actualPort(), "/ws/connect?session_id="
             + rental.getString("session_id") + "&token=" + rental.getString("ws_token"), 0)) {
      assertThat(second.status).startsWith("HTTP/1.1 404");
    }
  }

  @Test
  @DisplayName("a new token revokes the earlier one: the earlier token is refused with 404")
  void reissueRevokes() throws Exception {
    JsonObject rental = rental();
    String fresh = freshToken(rental.getString("session_id"));
    try (RawWebSocket old = new RawWebSocket(api.http.actualPort(), "/ws/connect?session_id="
        + rental.getString("session_id") + "&token=" + rental.getString("ws_token"), 0);
         RawWebSocket current = new RawWebSocket(api.http.actualPort(), "/ws/connect?session_id="
             + rental.getString("session_id") + "&token=" + fresh, 0)) {
      assertThat(old.status).startsWith("HTTP/1.1 404");
      assertThat(current.status).startsWith("HTTP/1.1 101");
    }
  }

  @Test
  @DisplayName("the token of a released session is answered exactly as a forged token: 404, same body, no 410")
  void deadTokenAsForged() {
    JsonObject rental = rental();
    String session = rental.getString("session_id");
    await(api.release(session));
    HttpResponse<Buffer> dead = await(api.client.get("/ws/connect?session_id=" + session + "&token="
        + rental.getString("ws_token")).putHeader("Upgrade", "websocket").putHeader("Connection", "Upgrade")
        .putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").putHeader("Sec-WebSocket-Version", "13").send());
    HttpResponse<Buffer> forged = await(api.client.get("/ws/connect?session_id=" + session + "&token=forged")
        .putHeader("Upgrade", "websocket").putHeader("Connection", "Upgrade")
        .putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").putHeader("Sec-WebSocket-Version", "13").send());
    assertThat(dead.statusCode()).isEqualTo(404);
    assertThat(dead.bodyAsString()).isEqualTo(forged.bodyAsString());
    assertThat(dead.getHeader("Content-Type")).isEqualTo(forged.getHeader("Content-Type"));
  }
}
