package dev.inlet.api;

import static dev.inlet.api.ApiStack.GB_1;
import static dev.inlet.api.ApiStack.US_1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.bus.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The admin API on the real pool: numbers by state, quarantine, blocklists, status of sources, keys. */
class AdminPoolApiTest extends ApiStackTest {

  @Test
  @DisplayName("the admin lists every number with its state: a rented one RESERVED with its session, the others FREE")
  void numbers() {
    String session = api.rent(US_1).await().getString("session_id");
    JsonObject page = ApiStack.ok(api.adminGet("/api/admin/numbers?country=US").send()).await();
    JsonArray numbers = page.getJsonArray("numbers");
    assertThat(numbers).hasSize(2);
    JsonObject rented = numbers.getJsonObject(0);
    assertThat(rented.getString("number")).isEqualTo(US_1);
    assertThat(rented.getString("state")).isEqualTo("RESERVED");
    assertThat(rented.getString("session_id")).isEqualTo(session);
    assertThat(numbers.getJsonObject(1).getString("state")).isEqualTo("FREE");
  }

  @Test
  @DisplayName("quarantining a rented number ends its rental (QUARANTINED) and keeps it from being rented until returned")
  void quarantine() {
    String session = api.rent(US_1).await().getString("session_id");
    JsonObject status = ApiStack.ok(ApiStack.withKey(api.client.put("/api/admin/numbers/%2B12125550100/quarantine"),
        ApiStack.ADMIN_KEY).sendJsonObject(new JsonObject().put("reason", "carrier complaint"))).await();
    assertThat(status.getString("state")).isEqualTo("QUARANTINE");
    assertThat(status.getString("reason")).isEqualTo("carrier complaint");
    assertThat(ApiStack.ok(api.get("/api/sessions/" + session).send()).await().getString("end_reason"))
        .isEqualTo("QUARANTINED");
    assertThat(api.post("/api/rent").sendJsonObject(new JsonObject().put("number", US_1)).await().statusCode())
        .isEqualTo(409);
    JsonObject back = ApiStack.ok(ApiStack.withKey(api.client.delete("/api/admin/numbers/%2B12125550100/quarantine"),
        ApiStack.ADMIN_KEY).send()).await();
    assertThat(back.getString("state")).isNotEqualTo("QUARANTINE");
  }

  @Test
  @DisplayName("a number on a service's blocklist is not rented for that service, and is once taken off")
  void blocklist() {
    JsonObject blocked = ApiStack.ok(ApiStack.withKey(api.client.put("/api/admin/numbers/%2B447700900000/blocklist/google"),
        ApiStack.ADMIN_KEY).send()).await();
    assertThat(blocked.getJsonArray("blocked_services")).containsExactly("google");
    HttpResponse<Buffer> refused = api.post("/api/rent").sendJsonObject(new JsonObject().put("number", GB_1)
        .put("service", "google")).await();
    assertThat(refused.statusCode()).isEqualTo(409);
    ApiStack.ok(ApiStack.withKey(api.client.delete("/api/admin/numbers/%2B447700900000/blocklist/google"),
        ApiStack.ADMIN_KEY).send()).await();
    assertThat(api.post("/api/rent").sendJsonObject(new JsonObject().put("number", GB_1).put("service", "google"))
        .await().statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("binds and modems answer the latest status published per id, and /ready counts a bound bind as a source")
  void sourcesStatus(Vertx vertx) {
    JsonObject bind = new JsonObject().put("id", "carrier-a").put("state", "BOUND").put("node", "n1")
        .put("updatedAt", Instant.now().toString());
    vertx.eventBus().publish(Addresses.STATUS_BINDS, bind.copy().put("state", "CONNECTING"));
    vertx.eventBus().publish(Addresses.STATUS_BINDS, bind);
    vertx.eventBus().publish(Addresses.STATUS_MODEMS, new JsonObject().put("id", "/dev/ttyUSB0").put("state", "DOWN"));
    JsonArray binds = ApiStack.ok(api.adminGet("/api/admin/binds").send()).await().getJsonArray("binds");
    assertThat(binds).containsExactly(bind);
    JsonArray modems = ApiStack.ok(api.adminGet("/api/admin/modems").send()).await().getJsonArray("modems");
    assertThat(modems.getJsonObject(0).getString("state")).isEqualTo("DOWN");
    HttpResponse<Buffer> ready = api.client.get("/ready").send().await();
    assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(200);
    assertThat(ready.getHeader("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  @DisplayName("with no bind or modem up, /ready is 503 DOWN naming the sources check, while /health stays UP")
  void notReadyWithoutSources() {
    HttpResponse<Buffer> ready = api.client.get("/ready").send().await();
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.bodyAsString()).contains("no SMPP bind or modem port");
    assertThat(api.client.get("/health").send().await().statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("/metrics counts the open session WebSockets and the messages pushed to them")
  void socketMetrics(Vertx vertx) {
    String session = api.rent(US_1).await().getString("session_id");
    // the client stays referenced until closed below: Vert.x closes an unreferenced client and its sockets
    io.vertx.core.http.WebSocketClient sockets = vertx.createWebSocketClient();
    io.vertx.core.http.WebSocket ws = sockets.connect(api.socketWithKey(session)).await();
    io.vertx.core.Promise<String> pushed = io.vertx.core.Promise.promise();
    ws.textMessageHandler(pushed::tryComplete);
    api.deliver(US_1, "Shop", "code 123456").await();
    pushed.future().await();
    String metrics = api.client.get("/metrics").send().await().bodyAsString();
    assertThat(metrics).containsPattern("(?m)^inlet_websockets_open(\\{[^}]*\\})? 1\\.0$")
        .containsPattern("(?m)^inlet_ws_messages_pushed_total(\\{[^}]*\\})? [1-9][0-9]*\\.0$");
    sockets.close().await();
  }

  @Test
  @DisplayName("the admin lists API keys by owner id with their limits, never a key")
  void keys() {
    JsonObject keys = ApiStack.ok(api.adminGet("/api/admin/keys").send()).await();
    assertThat(keys.getJsonArray("keys").getJsonObject(0).getString("owner")).isEqualTo(ApiStack.OWNER);
    assertThat(keys.encode()).doesNotContain(ApiStack.KEY).doesNotContain(ApiStack.OTHER_KEY);
  }
}
