package dev.inlet.api;

import static dev.inlet.api.ApiStack.US_1;
import static dev.inlet.api.ApiStack.US_2;
import static dev.inlet.api.ApiStack.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The admin API ({@code /api/admin/*}) on the real pool: a number's history and number imports. */
class AdminApiTest extends ApiStackTest {

  private static final String US_1_HISTORY = "/api/admin/numbers/%2B12125550100/history";
  private static final String IMPORT = "/api/admin/numbers/import";

  private Future<HttpResponse<Buffer>> importFile(String contentType, String content) {
    return api.adminPost(IMPORT).putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(content));
  }

  // ---- history ------------------------------------------------------------------------------

  @Test
  @DisplayName("a number's history without a key is refused with a 401 problem")
  void historyNeedsKey(VertxTestContext ctx) {
    api.client.get(US_1_HISTORY).send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(assertProblem(response, 401, "unauthorized", US_1_HISTORY)).contains("admin key");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a number's history with an API key instead of an admin key is refused with a 403 problem")
  void historyNotForApiKeys(VertxTestContext ctx) {
    api.get(US_1_HISTORY).send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(assertProblem(response, 403, "forbidden", US_1_HISTORY)).contains("admin key");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a number's history names each rental's session, owner id (never the key), service, times and end")
  void history(VertxTestContext ctx) {
    api.post("/api/rent").sendJsonObject(new JsonObject().put("number", US_1).put("service", "google"))
        .compose(rented -> {
          String session = rented.bodyAsJsonObject().getString("session_id");
          return api.deliver(US_1, "Google", "Your code is 837261")
              .compose(receipt -> api.release(session))
              .compose(released -> ApiStack.ok(api.adminGet(US_1_HISTORY).send()))
              .map(body -> {
                ctx.verify(() -> {
                  assertThat(body.getString("number")).isEqualTo(US_1);
                  JsonArray rentals = body.getJsonArray("rentals");
                  assertThat(rentals).hasSize(1);
                  JsonObject rental = rentals.getJsonObject(0);
                  assertThat(rental.getString("session_id")).isEqualTo(session);
                  assertThat(rental.getString("owner")).isEqualTo(ApiStack.OWNER);
                  assertThat(rental.encode()).doesNotContain(ApiStack.KEY);
                  assertThat(rental.getString("service")).isEqualTo("google");
                  Instant started = Instant.parse(rental.getString("started_at"));
                  Instant ended = Instant.parse(rental.getString("ended_at"));
                  assertThat(Instant.parse(rental.getString("expires_at"))).isAfter(started);
                  assertThat(Instant.parse(rental.getString("last_sms_at"))).isBetween(started, ended);
                  assertThat(rental.getString("end_reason")).isEqualTo("RELEASED");
                });
                return body;
              });
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a rental still running shows ended_at, end_reason and last_sms_at as JSON null")
  void historyOfLiveRental(VertxTestContext ctx) {
    api.rent(US_1)
        .compose(rental -> ApiStack.ok(api.adminGet(US_1_HISTORY).send()))
        .onComplete(ctx.succeeding(body -> ctx.verify(() -> {
          JsonObject rental = body.getJsonArray("rentals").getJsonObject(0);
          assertThat(rental.fieldNames()).contains("ended_at", "end_reason", "last_sms_at", "service");
          assertThat(rental.getValue("ended_at")).isNull();
          assertThat(rental.getValue("end_reason")).isNull();
          assertThat(rental.getValue("last_sms_at")).isNull();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the number in the history path may carry its + as is")
  void historyRawPlus(VertxTestContext ctx) {
    api.rent(US_2)
        .compose(rental -> ApiStack.ok(api.adminGet("/api/admin/numbers/+12125550101/history").send()))
        .onComplete(ctx.succeeding(body -> ctx.verify(() -> {
          assertThat(body.getString("number")).isEqualTo(US_2);
          assertThat(body.getJsonArray("rentals")).hasSize(1);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a number of the pool that was never rented has an empty history")
  void historyNeverRented(VertxTestContext ctx) {
    ApiStack.ok(api.adminGet(US_1_HISTORY).send()).onComplete(ctx.succeeding(body -> ctx.verify(() -> {
      assertThat(body.getString("number")).isEqualTo(US_1);
      assertThat(body.getJsonArray("rentals")).isEmpty();
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("the history of a number that is not in the pool is a 404 unknown-number problem")
  void historyUnknownNumber(VertxTestContext ctx) {
    api.adminGet("/api/admin/numbers/%2B12125559999/history").send()
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 404, "unknown-number", "/api/admin/numbers/%2B12125559999/history"))
              .contains("+12125559999");
          ctx.completeNow();
        })));
  }

  // ---- import -------------------------------------------------------------------------------

  @Test
  @DisplayName("a valid CSV file is imported: the answer counts its rows, the new numbers and those already in the pool")
  void importCsv(VertxTestContext ctx) {
    importFile("text/csv", "number,country,capabilities\n+12125550199,US,sms\n+12125550100,US\n+33612345678,FR,sms;voice\n")
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
          assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
              .put("rows", 3).put("added", 2).put("already_in_pool", 1));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an imported number can be rented at once")
  void importedCanBeRented(VertxTestContext ctx) {
    importFile("text/csv; charset=utf-8", "+33612345678,FR\n")
        .compose(imported -> {
          ctx.verify(() -> assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(200));
          return ApiStack.ok(api.post("/api/rent").sendJsonObject(new JsonObject().put("country", "FR")));
        })
        .onComplete(ctx.succeeding(rental -> ctx.verify(() -> {
          assertThat(rental.getString("number")).isEqualTo("+33612345678");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a CSV file with bad rows is a 422 problem listing each bad row and what is wrong with it")
  void importBadCsv(VertxTestContext ctx) {
    importFile("text/csv", "number,country\n+12125550199,US\n12125550198,US\n+12125550197,XX\n+12125550199,US\n")
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 422, "invalid-import", IMPORT)).contains("nothing was imported");
          JsonArray errors = response.bodyAsJsonObject().getJsonArray("errors");
          assertThat(errors.stream().map(e -> ((JsonObject) e).getInteger("row")).toList()).containsExactly(3, 4, 5);
          assertThat(errors.getJsonObject(0).getString("problem")).contains("12125550198", "E.164");
          assertThat(errors.getJsonObject(1).getString("problem")).contains("XX", "country");
          assertThat(errors.getJsonObject(2).getString("problem")).contains("+12125550199", "more than once");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a file with a bad row imports nothing, not even its valid rows")
  void importAllOrNothing(VertxTestContext ctx) {
    importFile("text/csv", "+12125550199,US\nnot-a-number,US\n")
        .compose(refused -> {
          ctx.verify(() -> assertThat(refused.statusCode()).isEqualTo(422));
          return api.adminGet("/api/admin/numbers/%2B12125550199/history").send();
        })
        .onComplete(ctx.succeeding(history -> ctx.verify(() -> {
          assertProblem(history, 404, "unknown-number", "/api/admin/numbers/%2B12125550199/history");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a valid JSON array is imported like a CSV file")
  void importJson(VertxTestContext ctx) {
    importFile("application/json", new JsonArray()
        .add(new JsonObject().put("number", "+12125550199").put("country", "US"))
        .add(new JsonObject().put("number", "+447700900999").put("country", "GB").put("capabilities", new JsonArray().add("sms")))
        .encode())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
          assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
              .put("rows", 2).put("added", 2).put("already_in_pool", 0));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a JSON array with a bad element is a 422 problem naming it by its position from 1")
  void importBadJson(VertxTestContext ctx) {
    importFile("application/json", new JsonArray()
        .add(new JsonObject().put("number", "+12125550199").put("country", "US"))
        .add("+12125550198")
        .encode())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertProblem(response, 422, "invalid-import", IMPORT);
          assertThat(response.bodyAsJsonObject().getJsonArray("errors")).containsExactly(
              new JsonObject().put("row", 2).put("problem", "not an object with number and country"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an import with an API key instead of an admin key is refused with a 403 problem and imports nothing")
  void importNotForApiKeys(VertxTestContext ctx) {
    api.post(IMPORT).putHeader("Content-Type", "text/csv").sendBuffer(Buffer.buffer("+12125550199,US\n"))
        .compose(refused -> {
          ctx.verify(() -> assertProblem(refused, 403, "forbidden", IMPORT));
          return api.adminGet("/api/admin/numbers/%2B12125550199/history").send();
        })
        .onComplete(ctx.succeeding(history -> ctx.verify(() -> {
          assertThat(history.statusCode()).isEqualTo(404);
          ctx.completeNow();
        })));
  }
}
