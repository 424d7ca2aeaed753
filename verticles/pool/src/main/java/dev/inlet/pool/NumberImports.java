package dev.inlet.pool;

import dev.inlet.shared.PhoneNumber;
import dev.inlet.shared.message.ImportResult;
import dev.inlet.shared.message.NumberImport;
import dev.inlet.shared.message.PoolNumber;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a number import (CSV or JSON) into pool numbers, all or nothing: every bad row (invalid E.164,
 * unknown country, duplicate within the file) is reported with its row, and then nothing is imported.
 */
public final class NumberImports {

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  /** The numbers to add, or the errors of the bad rows (then {@code numbers} is empty). */
  public record Parsed(List<PoolNumber> numbers, int rows, List<ImportResult.RowError> errors) {
  }

  private NumberImports() {
  }

  public static Parsed parse(NumberImport file) {
    String format = file.format() == null ? "" : file.format().toLowerCase(Locale.ROOT);
    String content = file.content() == null ? "" : file.content();
    if (content.startsWith("\uFEFF")) {
      // spreadsheet programs save "CSV UTF-8" with a byte order mark, which Files.readString keeps
      content = content.substring(1);
    }
    return switch (format) {
      case "csv" -> csv(content);
      case "json" -> json(content);
      default -> new Parsed(List.of(), 0, List.of(new ImportResult.RowError(0,
          "format must be csv or json, not '" + file.format() + "'")));
    };
  }

  private static Parsed csv(String content) {
    List<Row> rows = new ArrayList<>();
    String[] lines = content.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") || (rows.isEmpty() && line.toLowerCase(Locale.ROOT).startsWith("number"))) {
        continue;
      }
      String[] cells = line.split(",", -1);
      List<String> caps = cells.length > 2 && !cells[2].isBlank()
          ? Arrays.stream(cells[2].split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList() : List.of("sms");
      rows.add(new Row(i + 1, cells[0].strip(), cells.length > 1 ? cells[1].strip() : "", caps));
    }
    return check(rows);
  }

  private static Parsed json(String content) {
    JsonArray array;
    try {
      array = new JsonArray(content);
    } catch (DecodeException e) {
      return new Parsed(List.of(), 0, List.of(new ImportResult.RowError(0, "not a JSON array: " + e.getMessage())));
    }
    List<Row> rows = new ArrayList<>();
    List<ImportResult.RowError> errors = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject o)) {
        errors.add(new ImportResult.RowError(i + 1, "not an object with number and country"));
        continue;
      }
      List<String> caps = new ArrayList<>();
      Object c = o.getValue("capabilities");
      if (c instanceof JsonArray a) {
        a.forEach(x -> caps.add(String.valueOf(x)));
      }
      rows.add(new Row(i + 1, String.valueOf(o.getValue("number", "")), String.valueOf(o.getValue("country", "")),
          caps.isEmpty() ? List.of("sms") : caps));
    }
    Parsed checked = check(rows);
    errors.addAll(checked.errors());
    errors.sort((a, b) -> Integer.compare(a.row(), b.row()));
    return errors.isEmpty() ? checked : new Parsed(List.of(), array.size(), errors);
  }

  private record Row(int row, String number, String country, List<String> capabilities) {
  }

  private static Parsed check(List<Row> rows) {
    List<ImportResult.RowError> errors = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<PoolNumber> numbers = new ArrayList<>();
    for (Row r : rows) {
      if (!PhoneNumber.isE164(r.number())) {
        errors.add(new ImportResult.RowError(r.row(), "'" + excerpt(r.number()) + "' is not an E.164 number such as +12125550100"));
      } else if (!COUNTRIES.contains(r.country())) {
        errors.add(new ImportResult.RowError(r.row(), "'" + excerpt(r.country()) + "' is not an ISO 3166 country code such as US"));
      } else if (!seen.add(r.number())) {
        errors.add(new ImportResult.RowError(r.row(), r.number() + " appears more than once in the file"));
      } else {
        numbers.add(new PoolNumber(r.number(), r.country(), r.capabilities()));
      }
    }
    return errors.isEmpty() ? new Parsed(numbers, rows.size(), List.of()) : new Parsed(List.of(), rows.size(), errors);
  }

  private static String excerpt(String s) {
    return s.length() > 24 ? s.substring(0, 24) + "…" : s;
  }
}
