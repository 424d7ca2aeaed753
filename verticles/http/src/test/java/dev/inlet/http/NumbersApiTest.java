package dev.inlet.http;

import static dev.inlet.http.TestApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NumbersApiTest extends FakePoolApiTest {

  @Test
  @DisplayName("the numbers of a country are listed with their number, country and capabilities")
  void listsByCountry(VertxTestContext ctx) {
    api.get("/api/numbers?country=us&service=google").send()
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          JsonArray numbers = response.bodyAsJsonObject().getJsonArray("numbers");
          assertThat(numbers).hasSize(2);
          JsonObject first = numbers.getJsonObject(0);
          assertThat(first.getString("number")).isEqualTo(FakePool.US_1);
          assertThat(first.getString("country")).isEqualTo("US");
          assertThat(first.getJsonArray("capabilities")).containsExactly("sms");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("without a country every available number is listed")
  void listsAll(VertxTestContext ctx) {
    api.get("/api/numbers").send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.bodyAsJsonObject().getJsonArray("numbers")).hasSize(FakePool.NUMBERS.size());
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a country that is not two letters is a 400 problem naming the parameter")
  void validatesCountry(VertxTestContext ctx) {
    api.get("/api/numbers?country=USA").send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(assertProblem(response, 400, "invalid-request", "/api/numbers")).contains("country");
      ctx.completeNow();
    })));
  }
}
