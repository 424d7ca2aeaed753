package dev.inlet.http;

import dev.inlet.shared.bus.Failure;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.ext.web.handler.HttpException;

/**
 * Maps whatever failed a request to the problem the client sees; bus failures are mapped here and
 * nowhere else. Anything that is neither a problem, a bus failure nor an HTTP status is a bug: the
 * client gets a 500 without the exception's text.
 */
public final class HttpFailures {

  /** Seconds a client should wait before retrying a 503. */
  public static final int RETRY_AFTER_SECONDS = 5;

  private HttpFailures() {
  }

  public static Problem toProblem(Throwable t) {
    if (t instanceof ProblemException pe) {
      return pe.problem();
    }
    if (t instanceof ReplyException) {
      return ofBus(Failure.of(t), Failure.detail(t));
    }
    if (t instanceof io.vertx.openapi.validation.ValidatorException ve) {
      return Problem.invalidRequest(ValidationDetail.of(ve));
    }
    if (t instanceof HttpException he) {
      return ofStatus(he.getStatusCode());
    }
    return Problem.internal("unexpected error; the server log has the details");
  }

  /** The problem for a coded bus failure. */
  public static Problem ofBus(Failure failure, String detail) {
    return switch (failure) {
      case INVALID_REQUEST -> Problem.invalidRequest(detail);
      case FORBIDDEN -> Problem.forbidden(detail);
      case UNKNOWN_NUMBER -> new Problem(404, "unknown-number", "Unknown number", detail);
      case SESSION_NOT_FOUND -> new Problem(404, "session-not-found", "Session not found", detail);
      case SESSION_ENDED -> Problem.sessionEnded(detail);
      case NUMBER_UNAVAILABLE -> new Problem(409, "number-unavailable", "Number unavailable", detail);
      case NO_NUMBER_AVAILABLE -> new Problem(409, "no-number-available", "No number available", detail);
      case STORE_UNAVAILABLE -> new Problem(503, "store-unavailable", "Store unavailable", detail);
      case UNAVAILABLE -> new Problem(503, "service-unavailable", "Service unavailable", detail);
      case TIMEOUT -> new Problem(504, "timeout", "Upstream timeout", detail);
      case INTERNAL -> Problem.internal(detail);
    };
  }

  /** The problem for a bare HTTP status set by the router or a vertx-web handler. */
  public static Problem ofStatus(int status) {
    return switch (status) {
      case 400 -> Problem.invalidRequest("the request is malformed");
      case 401 -> Problem.unauthorized("send an API key as Authorization: Bearer <key>");
      case 403 -> Problem.forbidden("this key may not use this resource");
      case 404 -> Problem.notFound("no such resource");
      case 405 -> Problem.methodNotAllowed("this resource does not accept that method");
      case 413 -> Problem.payloadTooLarge("the body exceeds the limit of " + RequestFields.BODY_LIMIT_BYTES
          + " bytes");
      case 415 -> Problem.unsupportedMediaType("this resource does not accept that Content-Type");
      default -> status >= 500 || status < 400
          ? Problem.internal("unexpected error; the server log has the details")
          : new Problem(status, "http-" + status, "HTTP " + status, "the request failed with status " + status);
    };
  }
}
