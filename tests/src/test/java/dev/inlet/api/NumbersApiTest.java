package dev.inlet.api;

import static dev.inlet.api.ApiStack.GB_1;
import static dev.inlet.api.ApiStack.US_1;
import static dev.inlet.api.ApiStack.US_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code GET /api/numbers} on the real pool. */
class NumbersApiTest extends ApiStackTest {

  private static JsonArray numbers(JsonObject body) {
    return new JsonArray(body.getJsonArray("numbers").stream().map(n -> ((JsonObject) n).getString("number")).toList());
  }

  @Test
  @DisplayName("the numbers of a country are listed with their number, country and capabilities")
  void listsByCountry(VertxTestContext ctx) {
    ApiStack.ok(api.get("/api/numbers?country=us").send()).onComplete(ctx.succeeding(body -> ctx.verify(() -> {
      assertThat(numbers(body)).containsExactly(US_1, US_2);
      JsonObject first = body.getJsonArray("numbers").getJsonObject(0);
      assertThat(first.getString("country")).isEqualTo("US");
      assertThat(first.getJsonArray("capabilities")).containsExactly("sms");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("without a country every number that can be rented is listed")
  void listsAll(VertxTestContext ctx) {
    ApiStack.ok(api.get("/api/numbers").send()).onComplete(ctx.succeeding(body -> ctx.verify(() -> {
      assertThat(numbers(body)).containsExactlyInAnyOrder(US_1, US_2, GB_1);
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a rented number is not listed")
  void rentedNotListed(VertxTestContext ctx) {
    api.rent(US_1)
        .compose(rental -> ApiStack.ok(api.get("/api/numbers?country=US").send()))
        .onComplete(ctx.succeeding(body -> ctx.verify(() -> {
          assertThat(numbers(body)).containsExactly(US_2);
          ctx.completeNow();
        })));
  }
}
