package dev.inlet.http;

import dev.inlet.shared.PhoneNumber;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads and validates what a request carries (JSON body fields and query parameters). Every check
 * fails with a 400 problem whose detail names the field and says what was expected.
 */
final class RequestFields {

  /** Largest accepted request body. */
  static final int BODY_LIMIT_BYTES = 64 * 1024;

  private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

  private RequestFields() {
  }

  /** The body, which must be one JSON object. */
  static JsonObject jsonObject(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0 || body.toString().isBlank()) {
      throw Problem.malformedJson("the body is empty: send a JSON object").exception();
    }
    Object value;
    try {
      value = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw Problem.malformedJson("the body is not valid JSON: " + jsonError(e)).exception();
    }
    if (!(value instanceof JsonObject json)) {
      throw Problem.malformedJson("the body must be a JSON object, not " + kind(value)).exception();
    }
    return json;
  }

  static String optionalString(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw invalid(field + " must be a string, not " + kind(value));
    }
    return s.isBlank() ? null : s.trim();
  }

  static String requiredString(JsonObject json, String field) {
    String value = optionalString(json, field);
    if (value == null) {
      throw invalid(field + " is required");
    }
    return value;
  }

  /** A non-empty string exactly as sent (message content: spaces and signs are kept). */
  static String requiredVerbatim(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null || (value instanceof String s && s.isEmpty())) {
      throw invalid(field + " is required");
    }
    if (!(value instanceof String s)) {
      throw invalid(field + " must be a string, not " + kind(value));
    }
    return s;
  }

  static String optionalE164(JsonObject json, String field) {
    String value = optionalString(json, field);
    if (value != null && !PhoneNumber.isE164(value)) {
      throw invalid(field + " must be an E.164 number such as +12125551234, not " + Excerpt.of(value));
    }
    return value;
  }

  static String requiredE164(JsonObject json, String field) {
    String value = optionalE164(json, field);
    if (value == null) {
      throw invalid(field + " is required (an E.164 number such as +12125551234)");
    }
    return value;
  }

  /** A positive whole number, or 0 when absent. */
  static int optionalPositiveInt(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return 0;
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 1
        || ((Number) value).longValue() > Integer.MAX_VALUE) {
      throw invalid(field + " must be a positive whole number of seconds, not " + Excerpt.of(String.valueOf(value)));
    }
    return ((Number) value).intValue();
  }

  /** An ISO 3166 alpha-2 country code, upper-cased, or null when absent. */
  static String optionalCountry(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!COUNTRY.matcher(value.trim()).matches()) {
      throw invalid(field + " must be a two-letter ISO 3166 country code such as US, not " + Excerpt.of(value));
    }
    return value.trim().toUpperCase(Locale.ROOT);
  }

  static String optionalQuery(RoutingContext ctx, String name) {
    String value = ctx.request().getParam(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  static String requiredQuery(RoutingContext ctx, String name) {
    String value = optionalQuery(ctx, name);
    if (value == null) {
      throw invalid("the query parameter " + name + " is required");
    }
    return value;
  }

  /**
   * A page size from the query: a whole number from 1 to {@code max}, or {@code otherwise} when the
   * parameter is absent.
   */
  static int optionalLimit(RoutingContext ctx, String name, int otherwise, int max) {
    String value = optionalQuery(ctx, name);
    if (value == null) {
      return otherwise;
    }
    int limit;
    try {
      limit = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > max) {
      throw invalid("the query parameter " + name + " must be a whole number from 1 to " + max + ", not "
          + Excerpt.of(value));
    }
    return limit;
  }

  private static ProblemException invalid(String detail) {
    return Problem.invalidRequest(detail).exception();
  }

  private static String kind(Object value) {
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof io.vertx.core.json.JsonArray) {
      return "an array";
    }
    if (value instanceof JsonObject) {
      return "an object";
    }
    return "null";
  }

  /** Jackson's explanation without the "Failed to decode:" prefix and the echoed source. */
  private static String jsonError(DecodeException e) {
    String message = String.valueOf(e.getMessage()).replaceFirst("^Failed to decode:\\s*", "");
    int sourceEcho = message.indexOf("\n at [Source");
    if (sourceEcho >= 0) {
      message = message.substring(0, sourceEcho);
    }
    return message.lines().findFirst().orElse(message).trim();
  }
}
