package dev.inlet.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the body of an API call before the OpenAPI validation: a body, or a POST/PUT/PATCH that declares one, must be
 * {@code application/json} (the number import also takes {@code text/csv}), else a 415 problem; JSON must be strict
 * (RFC 8259: one value, no comments, no duplicate keys, no trailing content), else a 400 problem saying where.
 */
final class StrictJson implements Handler<RoutingContext> {

  static final String IMPORT_PATH = "/api/admin/numbers/import";
  private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  @Override
  public void handle(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    boolean hasBody = body != null && body.length() > 0;
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String mediaType = mediaType(contentType);
    if (!hasBody && (contentType == null || !WITH_BODY.contains(ctx.request().method()))) {
      ctx.next();
      return;
    }
    boolean importing = ctx.request().path().equals(IMPORT_PATH);
    if (importing && mediaType.equals("text/csv")) {
      ctx.next();
      return;
    }
    if (!mediaType.equals("application/json")) {
      throw Problem.unsupportedMediaType("send the body as application/json" + (importing ? " or text/csv" : "")
          + ", not " + (mediaType.isEmpty() ? "a body without Content-Type" : Excerpt.of(mediaType))).exception();
    }
    if (hasBody) {
      check(body);
    }
    ctx.next();
  }

  /** Fails with a 400 problem unless the bytes are exactly one strict JSON value. */
  static void check(Buffer body) {
    try (JsonParser parser = FACTORY.createParser(body.getBytes())) {
      int depth = 0;
      boolean rootDone = false;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (rootDone) {
          throw Problem.malformedJson("the body holds more than one JSON value (line "
              + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr() + ")")
              .exception();
        }
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        }
        rootDone = depth == 0;
      }
    } catch (JsonParseException e) {
      throw Problem.malformedJson("the body is not valid JSON: " + Excerpt.of(e.getOriginalMessage().replaceFirst("\\s*\\(not recognized as one.*$", "").replaceFirst("\\s*\\(for Object starting at.*$", ""), 160)
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")").exception();
    } catch (IOException e) {
      throw Problem.malformedJson("the body cannot be read as JSON").exception();
    }
  }

  static String mediaType(String contentType) {
    return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }
}
