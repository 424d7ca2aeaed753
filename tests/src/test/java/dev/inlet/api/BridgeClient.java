package dev.inlet.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A browser of the event-bus bridge, speaking the bridge's JSON frames ({@code register}, {@code publish},
 * {@code send}; answers {@code rec} and {@code err}) over the SockJS endpoint's raw WebSocket transport
 * ({@code /eventbus/websocket}), as the official JavaScript client does over SockJS.
 */
final class BridgeClient implements AutoCloseable {

  /**
   * Kept for as long as the socket: Vert.x closes a WebSocket client, and its connections, once the client is no
   * longer referenced (a garbage collection in the middle of a handshake failed tests with "Connection closed while
   * handshake in process").
   */
  private final WebSocketClient client;
  private final WebSocket ws;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();

  private BridgeClient(WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(text -> frames.add(new JsonObject(text)));
    ws.binaryMessageHandler(bytes -> frames.add(new JsonObject(bytes)));
  }

  static Future<BridgeClient> connect(Vertx vertx, int port) {
    WebSocketClient client = vertx.createWebSocketClient();
    return client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/eventbus/websocket")).map(ws -> new BridgeClient(client, ws));
  }

  void register(String address, JsonObject headers) {
    write(new JsonObject().put("type", "register").put("address", address).put("headers", headers));
  }

  void publish(String address, JsonObject body) {
    write(new JsonObject().put("type", "publish").put("address", address).put("body", body));
  }

  void send(String address, JsonObject body) {
    write(new JsonObject().put("type", "send").put("address", address).put("body", body)
        .put("replyAddress", "reply-" + System.nanoTime()));
  }

  private void write(JsonObject frame) {
    ws.writeTextMessage(frame.encode());
  }

  /** The next frame from the bridge, or null after {@code seconds}. */
  JsonObject next(long seconds) throws InterruptedException {
    return frames.poll(seconds, TimeUnit.SECONDS);
  }

  /** The next frame that is not a pong. */
  JsonObject nextFrame(long seconds) throws InterruptedException {
    JsonObject frame;
    do {
      frame = next(seconds);
    } while (frame != null && "pong".equals(frame.getString("type")));
    return frame;
  }

  @Override
  public void close() {
    ws.close().await();
    client.close().await();
  }

  static JsonObject headers(String name, String value) {
    return new JsonObject().put(name, value);
  }
}
