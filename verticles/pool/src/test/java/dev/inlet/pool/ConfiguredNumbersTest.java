package dev.inlet.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.shared.message.PoolNumber;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfiguredNumbersTest {

  private static JsonArray range(String country, String first, int count) {
    return new JsonArray().add(new JsonObject().put("country", country).put("first", first).put("count", count));
  }

  @Test
  @DisplayName("a lab range gives consecutive numbers of its country, across a change of digit")
  void consecutive() {
    List<PoolNumber> numbers = ConfiguredNumbers.fromRanges(range("US", "+12125550198", 3));
    assertThat(numbers).containsExactly(
        new PoolNumber("+12125550198", "US", List.of("sms")),
        new PoolNumber("+12125550199", "US", List.of("sms")),
        new PoolNumber("+12125550200", "US", List.of("sms")));
  }

  @Test
  @DisplayName("a lab range with a country that is not two capital letters is refused, naming the range")
  void rangeWithBadCountry() {
    assertThatThrownBy(() -> ConfiguredNumbers.fromRanges(range("usa", "+12125550100", 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("usa");
  }

  @Test
  @DisplayName("a lab range whose first number is not in E.164 form is refused, naming it")
  void rangeWithBadFirstNumber() {
    assertThatThrownBy(() -> ConfiguredNumbers.fromRanges(range("US", "2125550100", 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2125550100");
  }

  @Test
  @DisplayName("the operator's own numbers are read with their country and capabilities")
  void ownList() {
    List<PoolNumber> numbers = ConfiguredNumbers.fromList(new JsonArray()
        .add(new JsonObject().put("number", "+4915112345678").put("country", "DE")
            .put("capabilities", new JsonArray().add("sms").add("voice"))));
    assertThat(numbers).containsExactly(new PoolNumber("+4915112345678", "DE", List.of("sms", "voice")));
  }

  @Test
  @DisplayName("the operator's own numbers without capabilities get sms")
  void ownListDefaultCapabilities() {
    List<PoolNumber> numbers = ConfiguredNumbers.fromList(new JsonArray()
        .add(new JsonObject().put("number", "+4915112345678").put("country", "DE")));
    assertThat(numbers).containsExactly(new PoolNumber("+4915112345678", "DE", List.of("sms")));
  }

  @Test
  @DisplayName("an own number that is not in E.164 form is refused, naming it")
  void ownListWithBadNumber() {
    assertThatThrownBy(() -> ConfiguredNumbers.fromList(new JsonArray()
        .add(new JsonObject().put("number", "015112345678").put("country", "DE"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("015112345678");
  }
}
