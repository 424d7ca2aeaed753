package dev.inlet.http;

import static dev.inlet.http.TestApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.message.LabInjectResult;
import dev.inlet.shared.message.LabSms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /api/lab/sms}, with the SMSC simulator played by a consumer answering a fixed command_status. */
@ExtendWith(VertxExtension.class)
class LabEndpointTest {

  private static final JsonObject SMS = new JsonObject()
      .put("to", "+12125550100").put("from", "Google").put("text", "Your code is 837261");

  private static Future<TestApi> labWithSimulatorAnswering(Vertx vertx, int commandStatus) {
    MessageCodecs.register(vertx);
    return vertx.eventBus().<LabSms>consumer(Addresses.LAB_SMSC_INJECT,
            m -> m.reply(new LabInjectResult(commandStatus, "smsc-42", 1L, 2L))).completion()
        .compose(v -> TestApi.start(vertx, TestApi.config("lab")));
  }

  @Test
  @DisplayName("in production mode the lab endpoint does not exist: 404 problem")
  void absentInProduction(Vertx vertx, VertxTestContext ctx) {
    TestApi.start(vertx, TestApi.config("production"))
        .compose(api -> api.post("/api/lab/sms").sendJsonObject(SMS))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertProblem(response, 404, "not-found", "/api/lab/sms");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a message the bind accepts (command_status 0) is answered 200 with the simulator's id")
  void accepted(Vertx vertx, VertxTestContext ctx) {
    labWithSimulatorAnswering(vertx, 0)
        .compose(api -> api.post("/api/lab/sms").sendJsonObject(SMS))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
              .put("accepted", true).put("command_status", 0).put("smsc_message_id", "smsc-42"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a message the bind refuses as an invalid destination (0x0B) is a 422 problem naming ESME_RINVDSTADR")
  void invalidDestination(Vertx vertx, VertxTestContext ctx) {
    labWithSimulatorAnswering(vertx, 0x0B)
        .compose(api -> api.post("/api/lab/sms").sendJsonObject(SMS))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 422, "destination-refused", "/api/lab/sms")).isEqualTo(
              "the SMPP bind refused the message: invalid destination address (ESME_RINVDSTADR, 0x0000000B)");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("any other refusal is a 502 problem naming the command_status in hex")
  void otherRefusal(Vertx vertx, VertxTestContext ctx) {
    labWithSimulatorAnswering(vertx, 0x58)
        .compose(api -> api.post("/api/lab/sms").sendJsonObject(SMS))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 502, "smsc-refused", "/api/lab/sms")).contains("0x00000058");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a lab SMS to a number that is not E.164 is a 400 problem naming the field")
  void validatesDestination(Vertx vertx, VertxTestContext ctx) {
    labWithSimulatorAnswering(vertx, 0)
        .compose(api -> api.post("/api/lab/sms").sendJsonObject(SMS.copy().put("to", "12125550100")))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 400, "invalid-request", "/api/lab/sms")).startsWith("to must be");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a lab SMS reaches the simulator verbatim: the plus of the sender and the spaces around the text stay")
  void verbatim(Vertx vertx, VertxTestContext ctx) {
    MessageCodecs.register(vertx);
    vertx.eventBus().<LabSms>consumer(Addresses.LAB_SMSC_INJECT, m -> {
      ctx.verify(() -> assertThat(m.body()).isEqualTo(new LabSms("+12125550100", "+447700900123", "  hi  ")));
      m.reply(new LabInjectResult(0, "smsc-1", 1L, 2L));
    }).completion()
        .compose(v -> TestApi.start(vertx, TestApi.config("lab")))
        .compose(api -> api.post("/api/lab/sms").sendJsonObject(new JsonObject()
            .put("to", "+12125550100").put("from", "+447700900123").put("text", "  hi  ")))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          ctx.completeNow();
        })));
  }
}
