package dev.inlet.http;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every error of the API as {@code application/problem+json}: failures of route handlers,
 * unknown routes (404) and wrong methods (405). Server-side problems (5xx) are logged at WARN.
 */
final class Problems {

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {
  }

  /** Makes the router answer every failure and unmatched request with a problem document. */
  static void install(Router router) {
    router.route().failureHandler(Problems::onFailure);
    router.errorHandler(404, ctx -> send(ctx, Problem.notFound(
        "no resource at " + ctx.request().method() + " " + ctx.request().path())));
    router.errorHandler(405, ctx -> send(ctx, Problem.methodNotAllowed(
        ctx.request().path() + " does not accept " + ctx.request().method())));
    router.errorHandler(500, Problems::onFailure);
  }

  private static void onFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof io.vertx.ext.web.handler.HttpException he
        && he.getCause() instanceof io.vertx.openapi.validation.ValidatorException ve) {
      failure = ve;
    }
    Problem problem;
    if (failure instanceof io.vertx.openapi.validation.ValidatorException ve) {
      problem = Problem.invalidRequest(ValidationDetail.of(ve, ctx));
    } else if (failure == null && ctx.statusCode() == 400 && !Gatekeeper.queryDecodes(ctx.request())) {
      problem = Gatekeeper.badQuery();
    } else if (failure == null) {
      problem = HttpFailures.ofStatus(ctx.statusCode());
    } else {
      problem = HttpFailures.toProblem(failure);
    }
    if (problem.status() == 413 && ctx.request().path().startsWith("/api/admin/")) {
      problem = Problem.payloadTooLarge("the file exceeds the limit of " + AdminHandler.IMPORT_LIMIT_BYTES + " bytes");
    }
    if (problem.status() == 500 && failure != null && !(failure instanceof ProblemException)
        && !(failure instanceof ReplyException)) {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
    }
    send(ctx, problem);
  }

  static void send(RoutingContext ctx, Problem problem) {
    if (problem.status() >= 500) {
      LOG.warn("{} {} -> {} {}: {}", ctx.request().method(), ctx.request().path(), problem.status(),
          problem.slug(), problem.detail());
    }
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.headWritten() || response.closed()) {
      return;
    }
    response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
    if (problem.status() == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    if (problem.status() == 503) {
      response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(HttpFailures.RETRY_AFTER_SECONDS));
    }
    if (problem.status() == 429 && problem.extensions() != null) {
      response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(problem.extensions().getValue(Problem.RETRY_AFTER)));
      HttpMeters.of(ctx.vertx()).rejected(problem.extensions().getString("limit", problem.slug()));
    }
    response.putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    response.end(problem.toJson(Excerpt.of(ctx.request().path())).encode());
  }
}
