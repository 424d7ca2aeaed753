package dev.inlet.http;

import dev.inlet.shared.PhoneNumber;
import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.HistoryQuery;
import dev.inlet.shared.message.ImportResult;
import dev.inlet.shared.message.NumberImport;
import dev.inlet.shared.message.RentalList;
import io.vertx.core.buffer.Buffer;
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

  AdminHandler(BusClient bus) {
    this.bus = bus;
  }

  void history(RoutingContext ctx) {
    String number = ctx.pathParam(NUMBER_PARAM);
    if (!PhoneNumber.isE164(number)) {
      throw Problem.invalidRequest("the number in the path must be in E.164 form such as +12125550100 "
          + "(write its + as %2B), not " + number).exception();
    }
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
          + (mediaType.isEmpty() ? "a body without Content-Type" : mediaType)).exception();
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
