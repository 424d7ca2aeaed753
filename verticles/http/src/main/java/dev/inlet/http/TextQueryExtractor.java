package dev.inlet.http;

import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hands the validator every value of a text query parameter as text. vertx-openapi reads a query value that is not a
 * plain word as JSON, so {@code from=%2B447700900123} became the number 447700900123 and failed {@code type: string}
 * (and {@code contains=-5} a negative number); here such a value reaches it as a JSON string, and is validated (its
 * length, its pattern) as the text it is. The handlers read the query as sent, so nothing else changes.
 */
final class TextQueryExtractor implements RequestExtractor {

  /** What the validator takes as text without reading it as JSON. */
  private static final Pattern WORD = Pattern.compile("\\w+");

  private final RequestExtractor extractor;

  TextQueryExtractor(RequestExtractor extractor) {
    this.extractor = extractor;
  }

  @Override
  public Future<ValidatableRequest> extractValidatableRequest(RoutingContext ctx, Operation operation) {
    return extractor.extractValidatableRequest(ctx, operation).map(request -> {
      Map<String, RequestParameter> query = new HashMap<>(request.getQuery());
      boolean quoted = false;
      for (Parameter p : operation.getParameters()) {
        if (p.getIn() == Location.QUERY && p.getSchemaType() == SchemaType.STRING
            && query.get(p.getName()) != null && query.get(p.getName()).get() instanceof String text
            && !WORD.matcher(text).matches()) {
          String json = Json.encode(text);
          query.put(p.getName(), () -> json);
          quoted = true;
        }
      }
      return quoted ? new Quoted(request, query) : request;
    });
  }

  /** The request as extracted, with the text query values quoted. */
  private record Quoted(ValidatableRequest request, Map<String, RequestParameter> query) implements ValidatableRequest {

    @Override
    public Map<String, RequestParameter> getQuery() {
      return query;
    }

    @Override
    public Map<String, RequestParameter> getCookies() {
      return request.getCookies();
    }

    @Override
    public Map<String, RequestParameter> getPathParameters() {
      return request.getPathParameters();
    }

    @Override
    public Map<String, RequestParameter> getHeaders() {
      return request.getHeaders();
    }

    @Override
    public RequestParameter getBody() {
      return request.getBody();
    }

    @Override
    public String getContentType() {
      return request.getContentType();
    }
  }
}
