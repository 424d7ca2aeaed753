package dev.inlet.http;

import static dev.inlet.http.TestApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuthenticationTest extends FakePoolApiTest {

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
  @DisplayName("the health check answers UP without a key")
  void healthNeedsNoKey(VertxTestContext ctx) {
    api.client.get("/health").send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("UP");
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
}
