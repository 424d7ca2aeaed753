package dev.inlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The rental and WebSocket limits, with the product's defaults, on the real pool: a key can no longer take the pool. */
class LimitsApiTest extends ApiStackTest {

  @Override
  protected void configure(JsonObject node) {
    JsonArray numbers = new JsonArray();
    for (int i = 0; i < 20; i++) {
      numbers.add(new JsonObject().put("number", "+1212555" + (1000 + i)).put("country", "US")
          .put("capabilities", new JsonArray().add("sms")));
    }
    node.getJsonObject("pool").put("numbers", numbers);
    // the defaults (5 rentals per hour, 5 held at once, 5 WebSockets per session) but for the calls per second, which a
    // test of many calls would meet first (LimitsTest in the http module tests those)
    node.put("limits", new JsonObject().put("requestsPerSecond", 1000));
  }

  private HttpResponse<Buffer> rentUs() {
    return api.post("/api/rent").sendJsonObject(new JsonObject().put("country", "US")).await();
  }

  @Test
  @DisplayName("one key rents at most 5 numbers an hour: the 6th is a 429 saying when, even after releasing, and other keys still rent")
  void rentalsPerHour() {
    for (int i = 0; i < 5; i++) {
      HttpResponse<Buffer> rented = rentUs();
      assertThat(rented.statusCode()).as(rented.bodyAsString()).isEqualTo(200);
      assertThat(api.release(rented.bodyAsJsonObject().getString("session_id")).await().statusCode()).isEqualTo(204);
    }
    HttpResponse<Buffer> sixth = rentUs();
    assertThat(ApiStack.assertProblem(sixth, 429, "too-many-requests", "/api/rent")).contains("limits.rentalsPerHour");
    assertThat(Integer.parseInt(sixth.getHeader("Retry-After"))).isBetween(3500, 3600);
    HttpResponse<Buffer> other = ApiStack.withKey(api.client.post("/api/rent"), ApiStack.OTHER_KEY)
        .sendJsonObject(new JsonObject().put("country", "US")).await();
    assertThat(other.statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("a failed rental does not count against the key's rentals per hour")
  void failedRentalsDoNotCount() {
    for (int i = 0; i < 6; i++) {
      HttpResponse<Buffer> unknown = api.post("/api/rent").sendJsonObject(new JsonObject().put("number", "+19995550000"))
          .await();
      assertThat(unknown.statusCode()).isEqualTo(404);
    }
    assertThat(rentUs().statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("a burst of rentals from one key gets at most the concurrent limit: the pool is not drained")
  void concurrentBurst() {
    List<Future<HttpResponse<Buffer>>> burst = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      burst.add(api.post("/api/rent").sendJsonObject(new JsonObject().put("country", "US")));
    }
    Future.join(burst).await();
    long rented = burst.stream().filter(f -> f.result().statusCode() == 200).count();
    assertThat(rented).isEqualTo(5);
    assertThat(burst.stream().filter(f -> f.result().statusCode() == 429).count()).isEqualTo(15);
    JsonObject free = ApiStack.withKey(api.client.get("/api/numbers?country=US"), ApiStack.OTHER_KEY).send().await()
        .bodyAsJsonObject();
    assertThat(free.getJsonArray("numbers")).hasSize(15);
  }

  @Test
  @DisplayName("a session takes at most 5 WebSockets by default: the 6th upgrade is refused with 429, and closing one frees a place")
  void webSocketsPerSession(Vertx vertx) {
    String session = rentUs().bodyAsJsonObject().getString("session_id");
    WebSocketClient client = vertx.createWebSocketClient();
    List<WebSocket> open = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      open.add(client.connect(api.socketWithKey(session)).await());
    }
    Throwable refused = client.connect(api.socketWithKey(session)).transform(ar -> Future.succeededFuture(ar.cause()))
        .await();
    assertThat(refused).isNotNull().hasMessageContaining("429");
    open.get(0).close().await();
    // the place is given back when the server sees the close: retry until it has
    WebSocket again = null;
    for (int i = 0; i < 50 && again == null; i++) {
      again = client.connect(api.socketWithKey(session)).transform(ar -> Future.succeededFuture(ar.result())).await();
    }
    assertThat(again).isNotNull();
  }
}
