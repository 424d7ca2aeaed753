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

  @Test
  @DisplayName("a range gives consecutive numbers of its country")
  void consecutive() {
    List<PoolNumber> numbers = ConfiguredNumbers.fromRanges(new JsonArray()
        .add(new JsonObject().put("country", "US").put("first", "+12125550198").put("count", 3)));
    assertThat(numbers).extracting(PoolNumber::number)
        .containsExactly("+12125550198", "+12125550199", "+12125550200");
    assertThat(numbers).allSatisfy(n -> {
      assertThat(n.country()).isEqualTo("US");
      assertThat(n.capabilities()).containsExactly("sms");
    });
  }

  @Test
  @DisplayName("a range with a bad country or first number is refused")
  void invalid() {
    assertThatThrownBy(() -> ConfiguredNumbers.fromRanges(new JsonArray()
        .add(new JsonObject().put("country", "usa").put("first", "+12125550100").put("count", 3))))
        .hasMessageContaining("usa");
    assertThatThrownBy(() -> ConfiguredNumbers.fromRanges(new JsonArray()
        .add(new JsonObject().put("country", "US").put("first", "2125550100").put("count", 3))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("the operator's own numbers are read with their country, capabilities defaulting to sms")
  void ownList() {
    List<PoolNumber> numbers = ConfiguredNumbers.fromList(new JsonArray()
        .add(new JsonObject().put("number", "+4915112345678").put("country", "DE")));
    assertThat(numbers).containsExactly(new PoolNumber("+4915112345678", "DE", List.of("sms")));
    assertThatThrownBy(() -> ConfiguredNumbers.fromList(new JsonArray().add(new JsonObject().put("number", "015112345678"))))
        .hasMessageContaining("015112345678");
  }
}
