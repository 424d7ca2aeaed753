package dev.inlet.http;

import dev.inlet.shared.PhoneNumber;
import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.HistoryQuery;
import dev.inlet.shared.message.ImportResult;
import dev.inlet.shared.message.NumberImport;
import dev.inlet.shared.message.RentalList;
import dev.inlet.shared.message.AdminNumbersQuery;
import dev.inlet.shared.message.BlocklistChange;
import dev.inlet.shared.message.NumberStatusList;
import dev.inlet.shared.message.QuarantineRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The admin API (behind {@link AdminAuth}):
 * <ul>
 *   <li>{@code GET /api/admin/numbers/{number}/history?limit=}: who held a number when, newest first
 *       (the number in E.164, its {@code +} written as {@code %2B} or as is);</li>
 *   <li>{@code POST /api/admin/numbers/import}: adds the numbers of a file, {@code text/csv} or a JSON array
 *       ({@code application/json}), all or nothing: any bad row is a 422 problem listing every bad row.</li>
 * </ul>
 */
final class AdminHandler {

  static final String NUMBER_PARAM = "number";
  static final int DEFAULT_HISTORY = 100;
  static final int MAX_HISTORY = 1000;
  /** Largest accepted number file. */
  static final int IMPORT_LIMIT_BYTES = 4 * 1024 * 1024;

  private final BusClient bus;
  private final java.time.Clock clock;
  private final StatusBoard binds;
  private final StatusBoard modems;
  private final ApiKeys keys;

  AdminHandler(BusClient bus, java.time.Clock clock, StatusBoard binds, StatusBoard modems, ApiKeys keys) {
    this.bus = bus;
    this.clock = clock;
    this.binds = binds;
    this.modems = modems;
    this.keys = keys;
  }

  /** {@code GET /api/admin/numbers?country=&after=&limit=}: every number with its state, in number order. */
  void numbers(RoutingContext ctx) {
    String country = RequestFields.optionalCountry(RequestFields.optionalQuery(ctx, ApiJson.COUNTRY), ApiJson.COUNTRY);
    String after = RequestFields.optionalQuery(ctx, ApiJson.AFTER);
    int limit = RequestFields.optionalLimit(ctx, ApiJson.LIMIT, DEFAULT_HISTORY, MAX_HISTORY);
    bus.<NumberStatusList>request(Addresses.POOL_NUMBERS, new AdminNumbersQuery(country, after, limit))
        .map(list -> {
          JsonArray numbers = new JsonArray();
          Instant now = clock.instant();
          list.numbers().forEach(n -> numbers.add(ApiJson.numberStatus(n, now)));
          String next = list.numbers().size() < limit ? null
              : list.numbers().get(list.numbers().size() - 1).number().number();
          return new JsonObject().put("numbers", numbers).put("next_after", next);
        })
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  /** {@code PUT /api/admin/numbers/{number}/quarantine} with optional {@code {"until","reason"}}. */
  void quarantine(RoutingContext ctx) {
    String number = numberOf(ctx);
    JsonObject body = ctx.body().buffer() == null || ctx.body().length() == 0 ? new JsonObject()
        : RequestFields.jsonObject(ctx);
    Instant until = null;
    String untilText = RequestFields.optionalString(body, "until");
    if (untilText != null) {
      try {
        until = Instant.parse(untilText);
      } catch (java.time.format.DateTimeParseException e) {
        throw Problem.invalidRequest("until must be an ISO-8601 instant such as 2026-12-01T00:00:00Z, not "
            + Excerpt.of(untilText)).exception();
      }
    }
    String reason = RequestFields.optionalString(body, "reason");
    changeNumber(ctx, Addresses.POOL_QUARANTINE, new QuarantineRequest(number, true, until,
        reason == null ? "by an admin" : reason));
  }

  /** {@code DELETE /api/admin/numbers/{number}/quarantine}: back to the pool through the rest of its cooling-off. */
  void returnNumber(RoutingContext ctx) {
    changeNumber(ctx, Addresses.POOL_QUARANTINE, new QuarantineRequest(numberOf(ctx), false, null, null));
  }

  /** {@code PUT} (block) or {@code DELETE} (unblock) {@code /api/admin/numbers/{number}/blocklist/{service}}. */
  void blocklist(RoutingContext ctx, boolean blocked) {
    changeNumber(ctx, Addresses.POOL_BLOCKLIST, new BlocklistChange(numberOf(ctx), ctx.pathParam("service"), blocked));
  }

  private void changeNumber(RoutingContext ctx, String address, Object change) {
    bus.<NumberStatusList>request(address, change)
        .map(list -> {
          if (list.numbers().isEmpty()) {
            throw Problem.notFound("the number is not in the pool").exception();
          }
          return ApiJson.numberStatus(list.numbers().get(0), clock.instant());
        })
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  void binds(RoutingContext ctx) {
    ctx.json(new JsonObject().put("binds", binds.current()));
  }

  void modems(RoutingContext ctx) {
    ctx.json(new JsonObject().put("modems", modems.current()));
  }

  /** {@code GET /api/admin/keys}: the configured API keys by owner id (never the key), with their limits. */
  void keys(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    keys.ownerIds().forEach(owner -> list.add(new JsonObject().put("owner", owner)
        .put("limits", keys.limitsOf(owner).toJson())));
    ctx.json(new JsonObject().put("keys", list));
  }

  private static String numberOf(RoutingContext ctx) {
    String number = ctx.pathParam(NUMBER_PARAM);
    if (!PhoneNumber.isE164(number)) {
      throw Problem.invalidRequest("the number in the path must be in E.164 form such as +12125550100 "
          + "(write its + as %2B), not " + Excerpt.of(number)).exception();
    }
    return number;
  }

  void history(RoutingContext ctx) {
    String number = numberOf(ctx);
    int limit = RequestFields.optionalLimit(ctx, ApiJson.LIMIT, DEFAULT_HISTORY, MAX_HISTORY);
    bus.<RentalList>request(Addresses.POOL_HISTORY, new HistoryQuery(number, limit))
        .map(rentals -> ApiJson.history(number, rentals))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  void importNumbers(RoutingContext ctx) {
    String format = formatOf(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw Problem.invalidRequest("the body is empty: send a CSV file (number,country[,capabilities]) "
          + "or a JSON array of {\"number\",\"country\"}").exception();
    }
    bus.<ImportResult>request(Addresses.POOL_IMPORT, new NumberImport(format, body.toString()))
        .map(AdminHandler::outcome)
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  /** {@code csv} or {@code json} for the request's Content-Type; a 415 problem for anything else. */
  static String formatOf(String contentType) {
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return switch (mediaType) {
      case "text/csv" -> "csv";
      case "application/json" -> "json";
      default -> throw Problem.unsupportedMediaType("send the numbers as text/csv or application/json, not "
          + (mediaType.isEmpty() ? "a body without Content-Type" : Excerpt.of(mediaType))).exception();
    };
  }

  /** The counts when every row was valid; otherwise a 422 problem with the bad rows (nothing was imported). */
  static io.vertx.core.json.JsonObject outcome(ImportResult result) {
    if (result.errors().isEmpty()) {
      return ApiJson.imported(result);
    }
    ImportResult.RowError first = result.errors().get(0);
    String detail = first.row() == 0
        ? "the file cannot be read (" + first.problem() + "); nothing was imported"
        : result.errors().size() + " of " + result.rows() + " rows are not valid; nothing was imported";
    throw Problem.invalidImport(detail, ApiJson.importErrors(result)).exception();
  }
}
