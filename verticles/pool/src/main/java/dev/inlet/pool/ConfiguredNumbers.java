package dev.inlet.pool;

import dev.inlet.shared.PhoneNumber;
import dev.inlet.shared.message.PoolNumber;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbers given in the configuration: the operator's own list ({@code pool.numbers}, any mode) and the
 * synthetic pool of lab mode ({@code pool.lab.ranges}: consecutive numbers from fictional ranges such as
 * +1 212 555 01xx, which North American numbering reserves for fiction, and +44 7700 900xxx, which Ofcom
 * reserves for drama).
 */
final class ConfiguredNumbers {

  private ConfiguredNumbers() {
  }

  /** Reads {@code [{"number":"+12125550100","country":"US","capabilities":["sms"]}, ...]} (capabilities optional). */
  static List<PoolNumber> fromList(JsonArray numbers) {
    List<PoolNumber> out = new ArrayList<>();
    for (Object o : numbers) {
      if (!(o instanceof JsonObject entry) || !PhoneNumber.isE164(entry.getString("number"))
          || entry.getString("country") == null || !entry.getString("country").matches("[A-Z]{2}")) {
        throw new IllegalArgumentException("pool.numbers entries need an E.164 number and a two-letter country: " + o);
      }
      JsonArray caps = entry.getJsonArray("capabilities", new JsonArray().add("sms"));
      out.add(new PoolNumber(entry.getString("number"), entry.getString("country"),
          caps.stream().map(String::valueOf).toList()));
    }
    return out;
  }

  /** Reads {@code [{"country":"US","first":"+12125550100","count":50}, ...]}. */
  static List<PoolNumber> fromRanges(JsonArray ranges) {
    List<PoolNumber> out = new ArrayList<>();
    for (Object o : ranges) {
      JsonObject range = (JsonObject) o;
      String country = range.getString("country");
      String first = PhoneNumber.requireE164(range.getString("first"));
      int count = range.getInteger("count", 0);
      if (country == null || !country.matches("[A-Z]{2}") || count < 0) {
        throw new IllegalArgumentException("invalid lab number range " + range.encode());
      }
      BigInteger start = new BigInteger(first.substring(1));
      for (int i = 0; i < count; i++) {
        String number = "+" + start.add(BigInteger.valueOf(i));
        out.add(new PoolNumber(PhoneNumber.requireE164(number), country, List.of("sms")));
      }
    }
    return out;
  }
}
