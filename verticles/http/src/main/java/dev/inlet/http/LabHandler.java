package dev.inlet.http;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.LabInjectResult;
import dev.inlet.shared.message.LabSms;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/lab/sms} (lab mode only): has the SMSC simulator deliver an SMS as a carrier would,
 * and reports what the bound SMPP client answered.
 */
final class LabHandler {

  /** ESME_RINVDSTADR: the bind does not serve the destination address. */
  static final int INVALID_DESTINATION = 0x0B;

  private final BusClient bus;

  LabHandler(BusClient bus) {
    this.bus = bus;
  }

  void inject(RoutingContext ctx) {
    JsonObject body = RequestFields.jsonObject(ctx);
    // from and text travel verbatim (a "+", spaces around the text): the simulator validates them
    LabSms sms = new LabSms(
        RequestFields.requiredE164(body, ApiJson.TO),
        verbatim(body, ApiJson.FROM),
        verbatim(body, ApiJson.TEXT));
    bus.<LabInjectResult>request(Addresses.LAB_SMSC_INJECT, sms)
        .map(LabHandler::outcome)
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  /** A string field as sent, spaces and all; absent or not a string is a 400 naming the field. */
  private static String verbatim(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof String s)) {
      throw Problem.invalidRequest(field + (value == null ? " is required" : " must be a string")).exception();
    }
    return s;
  }

  /** The answer for a command_status: 0 is accepted, anything else a problem naming the status. */
  static JsonObject outcome(LabInjectResult result) {
    int status = result.commandStatus();
    if (status == 0) {
      return ApiJson.labAccepted(result);
    }
    if (status == INVALID_DESTINATION) {
      throw Problem.destinationRefused("the SMPP bind refused the message: invalid destination address "
          + "(ESME_RINVDSTADR, " + hex(status) + ")").exception();
    }
    throw Problem.smscRefused("the SMPP bind refused the message with command_status " + hex(status))
        .exception();
  }

  private static String hex(int status) {
    return String.format("0x%08X", status);
  }
}
