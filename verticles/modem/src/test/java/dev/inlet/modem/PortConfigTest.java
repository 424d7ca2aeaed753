package dev.inlet.modem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortConfigTest {

  @Test
  @DisplayName("An entry with port, number, country and baud is read as given; baud defaults to 115200")
  void entry() {
    List<PortConfig> ports = PortConfig.fromJson(new JsonArray()
        .add(new JsonObject().put("port", "/dev/ttyUSB0").put("number", "+4915112345678").put("country", "DE")
            .put("baud", 9600))
        .add(new JsonObject().put("port", "/dev/ttyUSB1")));

    assertThat(ports).containsExactly(new PortConfig("/dev/ttyUSB0", "+4915112345678", "DE", 9600),
        new PortConfig("/dev/ttyUSB1", null, null, 115200));
  }

  @Test
  @DisplayName("A glob becomes one port per matching device, in natural order (ttyUSB2 before ttyUSB10)")
  void glob(@TempDir Path dir) throws Exception {
    for (String name : List.of("ttyUSB10", "ttyUSB2", "ttyUSB0", "ttyACM0")) {
      Files.createFile(dir.resolve(name));
    }

    List<PortConfig> ports = PortConfig.fromJson(new JsonArray().add(new JsonObject()
        .put("port", dir + "/ttyUSB*").put("country", "DE").put("baud", 460800)));

    assertThat(ports).extracting(PortConfig::port)
        .containsExactly(dir + "/ttyUSB0", dir + "/ttyUSB2", dir + "/ttyUSB10");
    assertThat(ports).allMatch(p -> p.baud() == 460800 && "DE".equals(p.country()));
  }

  @Test
  @DisplayName("Bad entries are refused with the reason: no port, a number not in E.164, an unknown country, one number for a glob")
  void refused(@TempDir Path dir) throws Exception {
    Files.createFile(dir.resolve("ttyUSB0"));
    Files.createFile(dir.resolve("ttyUSB1"));

    assertThatThrownBy(() -> PortConfig.fromJson(new JsonArray().add(new JsonObject().put("number", "+4915112345678"))))
        .hasMessageContaining("needs \"port\"");
    assertThatThrownBy(() -> PortConfig.fromJson(new JsonArray().add(new JsonObject().put("port", "/dev/ttyUSB0")
        .put("number", "015112345678")))).hasMessageContaining("not E.164");
    assertThatThrownBy(() -> PortConfig.fromJson(new JsonArray().add(new JsonObject().put("port", "/dev/ttyUSB0")
        .put("country", "XX")))).hasMessageContaining("ISO 3166");
    assertThatThrownBy(() -> PortConfig.fromJson(new JsonArray().add(new JsonObject().put("port", dir + "/ttyUSB*")
        .put("number", "+4915112345678")))).hasMessageContaining("matches 2 ports");
    assertThatThrownBy(() -> PortConfig.fromJson(new JsonArray().add(new JsonObject().put("port", "/dev/ttyUSB0"))
        .add(new JsonObject().put("port", "/dev/ttyUSB0")))).hasMessageContaining("more than once");
  }

  @Test
  @DisplayName("The country of a number without one comes from its longest calling code")
  void callingCodes() {
    assertThat(CallingCodes.country("+4915112345678")).contains("DE");
    assertThat(CallingCodes.country("+35312345678")).contains("IE");
    assertThat(CallingCodes.country("+12125550100")).contains("US");
    assertThat(CallingCodes.country("+999123456")).isEmpty();
  }
}
