package dev.inlet.http;

import io.vertx.core.json.JsonObject;

/**
 * One RFC 9457 problem: what an error response of the API carries, as {@code application/problem+json}.
 *
 * @param status     HTTP status
 * @param slug       last segment of the problem type URI
 * @param title      short summary of the kind of problem, the same for every occurrence
 * @param detail     what went wrong this time, precise enough to fix the request
 * @param extensions further members of this problem type (RFC 9457 extension members, e.g. {@code errors}),
 *                   or null; they never replace the standard members
 */
public record Problem(int status, String slug, String title, String detail, JsonObject extensions) {

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final String TYPE_BASE = "https://inlet.dev/problems/";
  /** Extension member of a 429: seconds until a retry may succeed. */
  public static final String RETRY_AFTER = "retry_after";

  public Problem {
    extensions = extensions == null || extensions.isEmpty() ? null : extensions.copy();
  }

  public Problem(int status, String slug, String title, String detail) {
    this(status, slug, title, detail, null);
  }

  /** This problem with one more extension member. */
  public Problem with(String member, Object value) {
    JsonObject more = extensions == null ? new JsonObject() : extensions.copy();
    return new Problem(status, slug, title, detail, more.put(member, value));
  }

  public String type() {
    return TYPE_BASE + slug;
  }

  /** The problem document, with the path of the request that caused it as {@code instance}. */
  public JsonObject toJson(String instance) {
    JsonObject json = new JsonObject()
        .put("type", type())
        .put("title", title)
        .put("status", status)
        .put("detail", detail)
        .put("instance", instance);
    if (extensions != null) {
      extensions.forEach(member -> {
        if (!json.containsKey(member.getKey())) {
          json.put(member.getKey(), member.getValue());
        }
      });
    }
    return json;
  }

  public ProblemException exception() {
    return new ProblemException(this);
  }

  public static Problem invalidRequest(String detail) {
    return new Problem(400, "invalid-request", "Invalid request", detail);
  }

  public static Problem malformedJson(String detail) {
    return new Problem(400, "malformed-json", "Malformed JSON body", detail);
  }

  public static Problem unauthorized(String detail) {
    return new Problem(401, "unauthorized", "Unauthorized", detail);
  }

  public static Problem forbidden(String detail) {
    return new Problem(403, "forbidden", "Forbidden", detail);
  }

  public static Problem notFound(String detail) {
    return new Problem(404, "not-found", "Not found", detail);
  }

  public static Problem methodNotAllowed(String detail) {
    return new Problem(405, "method-not-allowed", "Method not allowed", detail);
  }

  public static Problem sessionEnded(String detail) {
    return new Problem(410, "session-ended", "Session ended", detail);
  }

  public static Problem payloadTooLarge(String detail) {
    return new Problem(413, "payload-too-large", "Payload too large", detail);
  }

  public static Problem unsupportedMediaType(String detail) {
    return new Problem(415, "unsupported-media-type", "Unsupported media type", detail);
  }

  /** A number file with bad rows; {@code errors} lists them ({@code [{"row": n, "problem": "..."}]}). */
  public static Problem invalidImport(String detail, io.vertx.core.json.JsonArray errors) {
    return new Problem(422, "invalid-import", "Invalid number file", detail).with("errors", errors);
  }

  /** A limit was reached; {@code retry_after} (also sent as the Retry-After header) says in how many seconds to try again. */
  public static Problem tooManyRequests(String limit, String detail, long retryAfterSeconds) {
    return new Problem(429, "too-many-requests", "Too many requests", detail)
        .with("limit", limit).with(RETRY_AFTER, Math.max(1, retryAfterSeconds));
  }

  /** No matching message arrived in time; {@code arrived} lists the messages that did (at most a page). */
  public static Problem waitTimeout(String detail, io.vertx.core.json.JsonArray arrived, int arrivedCount) {
    return new Problem(408, "wait-timeout", "No matching message in time", detail)
        .with("arrived", arrived).with("arrived_count", arrivedCount);
  }

  public static Problem uriTooLong(String detail) {
    return new Problem(414, "uri-too-long", "URI too long", detail);
  }

  public static Problem headersTooLarge(String detail) {
    return new Problem(431, "headers-too-large", "Request header fields too large", detail);
  }

  public static Problem destinationRefused(String detail) {
    return new Problem(422, "destination-refused", "Destination refused", detail);
  }

  public static Problem internal(String detail) {
    return new Problem(500, "internal", "Internal error", detail);
  }

  public static Problem smscRefused(String detail) {
    return new Problem(502, "smsc-refused", "SMSC refused the message", detail);
  }
}
