package dev.inlet.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.bus.Failure;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.HttpException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpFailuresTest {

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource({
      "INVALID_REQUEST, 400, invalid-request",
      "FORBIDDEN, 403, forbidden",
      "UNKNOWN_NUMBER, 404, unknown-number",
      "SESSION_NOT_FOUND, 404, session-not-found",
      "SESSION_ENDED, 410, session-ended",
      "NUMBER_UNAVAILABLE, 409, number-unavailable",
      "NO_NUMBER_AVAILABLE, 409, no-number-available",
      "STORE_UNAVAILABLE, 503, store-unavailable",
      "UNAVAILABLE, 503, service-unavailable",
      "TIMEOUT, 504, timeout",
      "INTERNAL, 500, internal"})
  @DisplayName("each coded bus failure maps to its HTTP status and problem type, keeping the recipient's detail")
  void codedFailures(Failure failure, int status, String slug) {
    Problem problem = HttpFailures.toProblem(failure.exception("what the pool said"));
    assertThat(problem.status()).isEqualTo(status);
    assertThat(problem.type()).isEqualTo("https://inlet.dev/problems/" + slug);
    assertThat(problem.detail()).isEqualTo("what the pool said");
  }

  @Test
  @DisplayName("a bus request nobody serves is a 503 naming the address")
  void noHandlers() {
    Problem problem = HttpFailures.toProblem(new ReplyException(ReplyFailure.NO_HANDLERS, "No handlers for address inlet.pool.rent"));
    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.detail()).contains("inlet.pool.rent");
  }

  @Test
  @DisplayName("a bus request without a reply in time is a 504")
  void timeout() {
    assertThat(HttpFailures.toProblem(new ReplyException(ReplyFailure.TIMEOUT, "timed out")).status())
        .isEqualTo(504);
  }

  @Test
  @DisplayName("a problem raised by a handler passes through unchanged")
  void problemsPassThrough() {
    Problem problem = Problem.invalidRequest("number must be a string");
    assertThat(HttpFailures.toProblem(problem.exception())).isEqualTo(problem);
  }

  @Test
  @DisplayName("a 413 from the body handler becomes a payload-too-large problem")
  void httpStatus() {
    assertThat(HttpFailures.toProblem(new HttpException(413)).slug()).isEqualTo("payload-too-large");
  }

  @Test
  @DisplayName("an unexpected exception is a 500 that does not reveal its message")
  void bugsDoNotLeak() {
    Problem problem = HttpFailures.toProblem(new NullPointerException("secret internals"));
    assertThat(problem.status()).isEqualTo(500);
    assertThat(problem.detail()).doesNotContain("secret internals");
  }

  @Test
  @DisplayName("a 415 status becomes an unsupported-media-type problem")
  void unsupportedMediaType() {
    assertThat(HttpFailures.ofStatus(415).slug()).isEqualTo("unsupported-media-type");
  }

  @Test
  @DisplayName("a problem's extension members are written next to the standard ones, never over them")
  void extensionMembers() {
    JsonArray errors = new JsonArray().add(new JsonObject().put("row", 2).put("problem", "bad number"));
    JsonObject json = Problem.invalidImport("1 of 2 rows are not valid", errors).with("status", 200)
        .toJson("/api/admin/numbers/import");
    assertThat(json.getInteger("status")).isEqualTo(422);
    assertThat(json.getString("type")).isEqualTo("https://inlet.dev/problems/invalid-import");
    assertThat(json.getJsonArray("errors")).isEqualTo(errors);
  }
}
