package dev.inlet.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.message.ImportResult.RowError;
import dev.inlet.shared.message.NumberImport;
import dev.inlet.shared.message.PoolNumber;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NumberImportsTest {

  private static NumberImports.Parsed csv(String content) {
    return NumberImports.parse(new NumberImport("csv", content));
  }

  private static NumberImports.Parsed json(String content) {
    return NumberImports.parse(new NumberImport("json", content));
  }

  // ---- CSV ----------------------------------------------------------------------------------

  @Test
  @DisplayName("a CSV file gives its numbers with their country and ;-separated capabilities, sms by default")
  void csvRows() {
    NumberImports.Parsed parsed = csv("+12125550100,US,sms;voice\n+447700900001,GB\n");
    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.rows()).isEqualTo(2);
    assertThat(parsed.numbers()).containsExactly(
        new PoolNumber("+12125550100", "US", List.of("sms", "voice")),
        new PoolNumber("+447700900001", "GB", List.of("sms")));
  }

  @Test
  @DisplayName("a CSV file's header line, comments, blank lines and surrounding spaces are skipped")
  void csvHeaderAndComments() {
    NumberImports.Parsed parsed = csv("# our SIM bank, rack 2\r\nNumber,Country,Capabilities\r\n\r\n"
        + "  +12125550100 , US , sms \r\n# spare\r\n+12125550101,US,\r\n");
    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.rows()).isEqualTo(2);
    assertThat(parsed.numbers()).containsExactly(
        new PoolNumber("+12125550100", "US", List.of("sms")),
        new PoolNumber("+12125550101", "US", List.of("sms")));
  }

  @Test
  @DisplayName("a CSV file saved with a byte order mark is read like one without")
  void csvWithByteOrderMark() {
    NumberImports.Parsed parsed = csv("\uFEFFnumber,country\n+12125550100,US\n");
    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.numbers()).containsExactly(new PoolNumber("+12125550100", "US", List.of("sms")));
  }

  @Test
  @DisplayName("a CSV number that is not in E.164 form is reported with its line, and nothing is imported")
  void csvInvalidNumber() {
    NumberImports.Parsed parsed = csv("number,country\n+12125550100,US\n2125550101,US\n");
    assertThat(parsed.numbers()).isEmpty();
    assertThat(parsed.errors()).containsExactly(
        new RowError(3, "'2125550101' is not an E.164 number such as +12125550100"));
  }

  @Test
  @DisplayName("a CSV country that is not an ISO 3166 code is reported with its line, and nothing is imported")
  void csvUnknownCountry() {
    NumberImports.Parsed parsed = csv("+12125550100,XX\n+12125550101,US\n");
    assertThat(parsed.numbers()).isEmpty();
    assertThat(parsed.errors()).containsExactly(
        new RowError(1, "'XX' is not an ISO 3166 country code such as US"));
  }

  @Test
  @DisplayName("a CSV row without a country is reported as having no valid country")
  void csvMissingCountry() {
    NumberImports.Parsed parsed = csv("+12125550100\n");
    assertThat(parsed.numbers()).isEmpty();
    assertThat(parsed.errors()).extracting(RowError::row).containsExactly(1);
    assertThat(parsed.errors().get(0).problem()).contains("ISO 3166");
  }

  @Test
  @DisplayName("a number given twice in a CSV file is reported at its second line, and nothing is imported")
  void csvDuplicate() {
    NumberImports.Parsed parsed = csv("number,country\n+12125550100,US\n+12125550101,US\n+12125550100,US\n");
    assertThat(parsed.numbers()).isEmpty();
    assertThat(parsed.errors()).containsExactly(
        new RowError(4, "+12125550100 appears more than once in the file"));
  }

  @Test
  @DisplayName("every bad row of a CSV file is reported, each with its own line and problem")
  void csvEveryBadRow() {
    NumberImports.Parsed parsed = csv("number,country\n# comment\n+12125550100,US\nabc,US\n+12125550101,ZZ\n"
        + "+12125550100,US\n+447700900001,GB\n");
    assertThat(parsed.numbers()).isEmpty();
    assertThat(parsed.rows()).isEqualTo(5);
    assertThat(parsed.errors()).extracting(RowError::row).containsExactly(4, 5, 6);
    assertThat(parsed.errors()).extracting(RowError::problem).satisfiesExactly(
        p -> assertThat(p).contains("E.164"),
        p -> assertThat(p).contains("ISO 3166"),
        p -> assertThat(p).contains("more than once"));
  }

  // ---- JSON ---------------------------------------------------------------------------------

  @Test
  @DisplayName("a JSON array gives its numbers with their country and capabilities, sms by default")
  void jsonRows() {
    NumberImports.Parsed parsed = json("[{\"number\":\"+12125550100\",\"country\":\"US\",\"capabilities\":[\"sms\",\"voice\"]},"
        + "{\"number\":\"+447700900001\",\"country\":\"GB\"}]");
    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.rows()).isEqualTo(2);
    assertThat(parsed.numbers()).containsExactly(
        new PoolNumber("+12125550100", "US", List.of("sms", "voice")),
        new PoolNumber("+447700900001", "GB", List.of("sms")));
  }

  @Test
  @DisplayName("every bad entry of a JSON array is reported with its index from 1, and nothing is imported")
  void jsonEveryBadRow() {
    NumberImports.Parsed parsed = json("[{\"number\":\"+12125550100\",\"country\":\"US\"},"
        + "\"+12125550101\","
        + "{\"number\":\"12125550102\",\"country\":\"US\"},"
        + "{\"number\":\"+12125550103\",\"country\":\"usa\"},"
        + "{\"number\":\"+12125550100\",\"country\":\"US\"}]");
    assertThat(parsed.numbers()).isEmpty();
    assertThat(parsed.rows()).isEqualTo(5);
    assertThat(parsed.errors()).containsExactly(
        new RowError(2, "not an object with number and country"),
        new RowError(3, "'12125550102' is not an E.164 number such as +12125550100"),
        new RowError(4, "'usa' is not an ISO 3166 country code such as US"),
        new RowError(5, "+12125550100 appears more than once in the file"));
  }

  @Test
  @DisplayName("JSON that is not an array is reported as a whole (row 0)")
  void jsonNotAnArray() {
    NumberImports.Parsed parsed = json("{\"number\":\"+12125550100\",\"country\":\"US\"}");
    assertThat(parsed.numbers()).isEmpty();
    assertThat(parsed.errors()).extracting(RowError::row).containsExactly(0);
    assertThat(parsed.errors().get(0).problem()).startsWith("not a JSON array");
  }

  @Test
  @DisplayName("a file in another format is refused as a whole (row 0), naming the format")
  void unknownFormat() {
    NumberImports.Parsed parsed = NumberImports.parse(new NumberImport("xlsx", "+12125550100,US"));
    assertThat(parsed.numbers()).isEmpty();
    assertThat(parsed.errors()).containsExactly(new RowError(0, "format must be csv or json, not 'xlsx'"));
  }

  @Test
  @DisplayName("a very long bad cell is cut short in the report")
  void longCellExcerpt() {
    String junk = "x".repeat(100);
    NumberImports.Parsed parsed = csv(junk + ",US\n");
    assertThat(parsed.errors()).hasSize(1);
    assertThat(parsed.errors().get(0).problem()).contains("x".repeat(24) + "…").doesNotContain("x".repeat(25));
  }
}
