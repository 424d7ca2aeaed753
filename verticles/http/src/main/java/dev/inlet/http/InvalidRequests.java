package dev.inlet.http;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Answers requests that HTTP decoding refused before any route saw them, as problems like every other error: a
 * request line over {@value #MAX_INITIAL_LINE} bytes is 414, headers over {@value #MAX_HEADER_SIZE} bytes 431, any
 * other malformed request (a bad request line, a bad header) 400. The connection is closed after the answer; nothing
 * of the input is echoed.
 */
final class InvalidRequests {

  static final int MAX_INITIAL_LINE = 4096;
  static final int MAX_HEADER_SIZE = 8192;

  private InvalidRequests() {
  }

  static void answer(HttpServerRequest request) {
    DecoderResult result = request.decoderResult();
    Throwable cause = result == null ? null : result.cause();
    Problem problem;
    if (cause instanceof TooLongHttpLineException) {
      problem = Problem.uriTooLong("the request line exceeds " + MAX_INITIAL_LINE + " bytes");
    } else if (cause instanceof TooLongHttpHeaderException) {
      problem = Problem.headersTooLarge("the request headers exceed " + MAX_HEADER_SIZE + " bytes");
    } else {
      problem = Problem.invalidRequest("the request is not valid HTTP/1.1 (its request line or a header cannot be "
          + "read)");
    }
    HttpServerResponse response = request.response();
    response.setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(problem.toJson(null).encode())
        .onComplete(ar -> request.connection().close());
  }
}
