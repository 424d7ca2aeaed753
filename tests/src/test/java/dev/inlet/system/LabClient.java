package dev.inlet.system;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** What a user of the API does, over real HTTP and WebSocket: used by the system tests and the benchmark. */
public final class LabClient {

  private final WebClient web;
  private final WebSocketClient sockets;
  private final int port;
  private final String apiKey;

  public LabClient(Vertx vertx, int port, String apiKey) {
    this.web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    this.sockets = vertx.createWebSocketClient();
    this.port = port;
    this.apiKey = apiKey;
  }

  public Future<HttpResponse<Buffer>> get(String uri) {
    return web.get(uri).bearerTokenAuthentication(apiKey).send();
  }

  public Future<HttpResponse<Buffer>> post(String uri, JsonObject body) {
    return web.post(uri).bearerTokenAuthentication(apiKey).sendJsonObject(body);
  }

  /** Rents a number and answers the rental JSON, failing on any status but 200. */
  public Future<JsonObject> rent(JsonObject request) {
    return post("/api/rent", request).compose(r -> r.statusCode() == 200
        ? Future.succeededFuture(r.bodyAsJsonObject())
        : Future.failedFuture("rent answered " + r.statusCode() + ": " + r.bodyAsString()));
  }

  public Future<HttpResponse<Buffer>> inject(String to, String from, String text) {
    return post("/api/lab/sms", new JsonObject().put("to", to).put("from", from).put("text", text));
  }

  /** Opens the session's WebSocket with the API key in the Authorization header. */
  public Future<WebSocket> connect(String sessionId) {
    return sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/ws/connect?session_id=" + sessionId).addHeader("Authorization", "Bearer " + apiKey));
  }

  /** Opens the session's WebSocket as a browser does: with a short-lived token in the query. */
  public Future<WebSocket> connectWithToken(String sessionId, String token) {
    return sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/ws/connect?session_id=" + sessionId + "&token=" + token));
  }

  public void close() {
    web.close();
    sockets.close();
  }
}
