package dev.inlet.http;

import static dev.inlet.http.TestApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class AuthenticationTest {

  private TestApi api;

  @BeforeEach
  void startApi(Vertx vertx, VertxTestContext ctx) {
    TestApi.start(vertx).onComplete(ctx.succeeding(started -> {
      api = started;
      ctx.completeNow();
    }));
  }

  @Test
  @DisplayName("an API call without an Authorization header is refused with a 401 problem asking for a Bearer key")
  void withoutKey(VertxTestContext ctx) {
    api.client.get("/api/numbers").send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(assertProblem(response, 401, "unauthorized", "/api/numbers")).contains("Bearer");
      assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("an API call with a key that is not configured is refused with a 401 problem")
  void wrongKey(VertxTestContext ctx) {
    TestApi.withKey(api.client.get("/api/numbers"), "not-a-key").send()
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 401, "unauthorized", "/api/numbers")).contains("not valid");
          assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an Authorization header of another scheme is refused with a 401 problem")
  void wrongScheme(VertxTestContext ctx) {
    api.client.get("/api/numbers").putHeader("Authorization", "Basic " + TestApi.KEY).send()
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertProblem(response, 401, "unauthorized", "/api/numbers");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("/health (liveness) and /ready need no key; with no router on any node /ready answers 503 DOWN saying why")
  void healthNeedsNoKey(VertxTestContext ctx) {
    api.client.get("/health").send()
        .compose(health -> api.client.get("/ready").send().map(ready -> java.util.List.of(health, ready)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both.get(0).statusCode()).as("liveness: the node answers").isEqualTo(200);
          assertThat(both.get(0).bodyAsJsonObject().getString("status")).isEqualTo("UP");
          var ready = both.get(1);
          assertThat(ready.statusCode()).isEqualTo(503);
          assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("DOWN");
          var store = ready.bodyAsJsonObject().getJsonArray("checks").stream()
              .map(io.vertx.core.json.JsonObject.class::cast).filter(c -> c.getString("id").equals("store"))
              .findFirst().orElseThrow();
          assertThat(store.getString("status")).isEqualTo("DOWN");
          assertThat(store.getJsonObject("data").getString("reason")).contains("inlet.store.health");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the verticle does not start without an API key, and says why")
  void needsKeys(Vertx vertx, VertxTestContext ctx) {
    vertx.deployVerticle(new HttpVerticle(), new DeploymentOptions()
            .setConfig(TestApi.config("production").put("apiKeys", new JsonArray())))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e).hasMessageContaining("apiKeys");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an admin key is not an API key: the rest of the API refuses it with a 401 problem")
  void adminKeyIsNotAnApiKey(VertxTestContext ctx) {
    api.admin(api.client.get("/api/numbers")).send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(assertProblem(response, 401, "unauthorized", "/api/numbers")).contains("not valid");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("the admin API refuses a key that is neither an admin key nor an API key with a 401 problem")
  void adminWrongKey(VertxTestContext ctx) {
    TestApi.withKey(api.client.get("/api/admin/numbers/%2B12125550100/history"), "not-a-key").send()
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 401, "unauthorized", "/api/admin/numbers/%2B12125550100/history"))
              .contains("admin key");
          assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("without any admin key configured, the admin API refuses an API key with a 403 problem saying how to configure one")
  void noAdminKeysConfigured(Vertx vertx, VertxTestContext ctx) {
    TestApi.start(vertx, TestApi.config("production").put("adminKeys", new JsonArray()))
        .compose(withoutAdmin -> withoutAdmin.post("/api/admin/numbers/import")
            .putHeader("Content-Type", "text/csv").sendBuffer(io.vertx.core.buffer.Buffer.buffer("+12125550199,US")))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 403, "forbidden", "/api/admin/numbers/import"))
              .contains("INLET_ADMIN_KEY");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the verticle does not start when an admin key is also an API key, and says why")
  void adminKeyOfItsOwn(Vertx vertx, VertxTestContext ctx) {
    vertx.deployVerticle(new HttpVerticle(), new DeploymentOptions()
            .setConfig(TestApi.config("production").put("adminKeys", new JsonArray().add(TestApi.KEY))))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e).hasMessageContaining("adminKeys");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a WebSocket without a key or a token is refused with 401 before any session is looked up")
  void socketWithoutCredentials(Vertx vertx, VertxTestContext ctx) {
    // referenced until the answer: Vert.x closes an unreferenced client and its connections
    io.vertx.core.http.WebSocketClient sockets = vertx.createWebSocketClient();
    sockets.connect(api.socket("session_id=any-session"))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e).isInstanceOf(UpgradeRejectedException.class);
          assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(401);
          sockets.close();
          ctx.completeNow();
        })));
  }
}
