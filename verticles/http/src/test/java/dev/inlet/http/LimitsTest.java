package dev.inlet.http;

import static dev.inlet.http.TestApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The per-key and per-address limits that the HTTP edge decides alone (the rental limits are in dev.inlet.api). */
@ExtendWith(VertxExtension.class)
class LimitsTest {

  private static List<HttpResponse<Buffer>> burst(TestApi api, String key, int n) {
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(TestApi.withKey(api.client.get("/api/numbers"), key).send());
    }
    Future.all(all).await();
    return all.stream().map(Future::result).toList();
  }

  @Test
  @DisplayName("by default a key gets 10 API calls per second: a burst of 40 is answered 429 with Retry-After beyond that")
  void requestsPerSecondByDefault(Vertx vertx) {
    TestApi api = TestApi.start(vertx).await();
    List<HttpResponse<Buffer>> answers = burst(api, TestApi.KEY, 40);
    List<HttpResponse<Buffer>> refused = answers.stream().filter(r -> r.statusCode() == 429).toList();
    // the burst may straddle two one-second windows: at most 2 x 10 get through
    assertThat(refused.size()).isGreaterThanOrEqualTo(20);
    HttpResponse<Buffer> one = refused.get(0);
    assertThat(assertProblem(one, 429, "too-many-requests", "/api/numbers")).contains("10", "limits.requestsPerSecond");
    assertThat(one.getHeader("Retry-After")).isEqualTo("1");
    assertThat(one.bodyAsJsonObject().getString("limit")).isEqualTo("requestsPerSecond");
  }

  @Test
  @DisplayName("an apiKeys entry with its own limits raises them for that key only")
  void perKeyOverride(Vertx vertx) {
    JsonObject config = TestApi.config("lab").put("apiKeys", new JsonArray()
        .add(new JsonObject().put("key", TestApi.KEY).put("limits", new JsonObject().put("requestsPerSecond", 0)))
        .add(TestApi.OTHER_KEY));
    TestApi api = TestApi.start(vertx, config).await();
    assertThat(burst(api, TestApi.KEY, 40)).noneMatch(r -> r.statusCode() == 429);
    assertThat(burst(api, TestApi.OTHER_KEY, 40)).anyMatch(r -> r.statusCode() == 429);
  }

  @Test
  @DisplayName("the limits section sets every key's limits, and a limit that is not one is refused at start")
  void limitsSection(Vertx vertx) {
    TestApi api = TestApi.start(vertx, TestApi.config("lab").put("limits", new JsonObject().put("requestsPerSecond", 2)))
        .await();
    assertThat(burst(api, TestApi.KEY, 12).stream().filter(r -> r.statusCode() == 429).count()).isGreaterThanOrEqualTo(8);
    assertThat(TestApi.start(vertx, TestApi.config("lab").put("limits", new JsonObject().put("requestsPerMinute", 2)))
        .transform(ar -> Future.succeededFuture(ar.cause())).await())
        .hasMessageContaining("limits.requestsPerMinute is not a limit");
  }

  @Test
  @DisplayName("after authFailuresPerMinute wrong keys from one address, it gets 429 for the rest of the minute, right key or not")
  void failedAuthentication(Vertx vertx) {
    TestApi api = TestApi.start(vertx, TestApi.config("lab").put("authFailuresPerMinute", 3)).await();
    for (int i = 0; i < 3; i++) {
      HttpResponse<Buffer> wrong = TestApi.withKey(api.client.get("/api/numbers"), "wrong-" + i).send().await();
      assertProblem(wrong, 401, "unauthorized", "/api/numbers");
    }
    HttpResponse<Buffer> fourth = TestApi.withKey(api.client.get("/api/numbers"), "wrong-4").send().await();
    assertThat(assertProblem(fourth, 429, "too-many-requests", "/api/numbers")).contains("failed authentications");
    assertThat(Integer.parseInt(fourth.getHeader("Retry-After"))).isBetween(1, 60);
    HttpResponse<Buffer> right = api.get("/api/numbers").send().await();
    assertProblem(right, 429, "too-many-requests", "/api/numbers");
  }

  @Test
  @DisplayName("/metrics serves Prometheus text counting refusals by limit")
  void metrics(Vertx vertx) {
    TestApi api = TestApi.start(vertx, TestApi.config("lab").put("limits", new JsonObject().put("requestsPerSecond", 1)))
        .await();
    burst(api, TestApi.KEY, 6);
    HttpResponse<Buffer> metrics = api.client.get("/metrics").send().await();
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.bodyAsString()).contains("inlet_http_rejected_total{limit=\"requestsPerSecond\"")
        .contains("inlet_websockets_open");
  }
}
