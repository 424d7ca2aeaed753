package dev.inlet.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The detail of a request refused by the OpenAPI validation: the validator's sentence; for a parameter, what the
 * document says it must be and (an excerpt of) what was given; for a body, each offending field and why.
 */
final class ValidationDetail {

  /** Where the router's root handler leaves the contract for the failure handler. */
  static final String CONTRACT = "dev.inlet.http.contract";
  private static final int MAX_ERRORS = 3;
  private static final int MAX_LENGTH = 400;
  private static final Pattern PARAMETER = Pattern.compile("(query|path|header|cookie) parameter (\\S+)");
  private static final Pattern ADDITIONAL = Pattern.compile("Property \"(.+)\" does not match additional properties schema");
  private static final Pattern NOISE = Pattern.compile("^(Property \".*\" does not match.*|A subschema had errors.*"
      + "|Instance does not match \"(else|then)\" schema)$");

  private ValidationDetail() {
  }

  static String of(ValidatorException e, RoutingContext ctx) {
    String message = String.valueOf(e.getMessage()).replaceFirst("\\s*Reason:.*$", "");
    Matcher parameter = PARAMETER.matcher(message);
    if (parameter.find()) {
      message = message + parameterHint(ctx, parameter.group(1), parameter.group(2));
    }
    if (e instanceof SchemaValidationException sve && sve.getOutputUnit() != null) {
      List<String> reasons = reasons(sve.getOutputUnit());
      if (!reasons.isEmpty()) {
        message = message + ": " + String.join("; ", reasons);
      } else if (sve.getOutputUnit().getError() != null) {
        message = message + ": " + sve.getOutputUnit().getError();
      }
    }
    return message.length() > MAX_LENGTH ? message.substring(0, MAX_LENGTH) + "…" : message;
  }

  static String of(ValidatorException e) {
    return of(e, null);
  }

  /** " (<the document's description>), not "<value>"" for a parameter. */
  private static String parameterHint(RoutingContext ctx, String location, String name) {
    if (ctx == null) {
      return "";
    }
    StringBuilder hint = new StringBuilder();
    Object contract = ctx.get(CONTRACT);
    Operation operation = contract instanceof OpenAPIContract c
        ? c.findOperation(ctx.request().path(), ctx.request().method()) : null;
    if (operation != null) {
      for (Parameter p : operation.getParameters()) {
        if (p.getName().equals(name)) {
          JsonObject model = p.getOpenAPIModel();
          String description = model.getString("description");
          if (description != null) {
            hint.append(" (").append(description).append(")");
          }
        }
      }
    }
    String given = switch (location) {
      case "query" -> ctx.queryParams().get(name);
      case "path" -> ctx.pathParam(name);
      case "header" -> ctx.request().getHeader(name);
      default -> null;
    };
    if (given != null) {
      hint.append(", not \"").append(Excerpt.of(given)).append('"');
    }
    return hint.toString();
  }

  /** The leaf errors of a schema validation, one per field, an unknown field named as such. */
  private static List<String> reasons(OutputUnit root) {
    Map<String, String> byField = new LinkedHashMap<>();
    List<OutputUnit> leaves = new ArrayList<>();
    collect(root, leaves);
    for (OutputUnit unit : leaves) {
      String error = unit.getError();
      String field = field(unit.getInstanceLocation());
      Matcher additional = ADDITIONAL.matcher(error);
      if (additional.matches()) {
        byField.putIfAbsent("+" + additional.group(1), "\"" + Excerpt.of(additional.group(1))
            + "\" is not a field of this body");
      } else if (!NOISE.matcher(error).matches()) {
        byField.putIfAbsent(field, (field.isEmpty() ? "" : field + ": ") + Excerpt.of(error));
      }
    }
    // an unknown-field report for a field that has its own error is noise of the validator
    byField.keySet().removeIf(k -> k.startsWith("+") && byField.containsKey(k.substring(1)));
    return byField.values().stream().limit(MAX_ERRORS).toList();
  }

  private static void collect(OutputUnit unit, List<OutputUnit> leaves) {
    if (unit.getErrors() != null && !unit.getErrors().isEmpty()) {
      unit.getErrors().forEach(child -> collect(child, leaves));
    } else if (unit.getError() != null) {
      leaves.add(unit);
    }
  }

  private static String field(String instanceLocation) {
    return instanceLocation == null ? "" : instanceLocation.replaceFirst("^#?/?", "").replace('/', '.');
  }
}
