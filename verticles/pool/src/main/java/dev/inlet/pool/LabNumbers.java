package dev.inlet.pool;

import dev.inlet.shared.PhoneNumber;
import dev.inlet.shared.message.PoolNumber;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic pool of lab mode: consecutive numbers from fictional ranges
 * (for example +1 212 555 01xx, which North American numbering reserves for fiction,
 * and +44 7700 900xxx, which Ofcom reserves for drama).
 */
final class LabNumbers {

  private LabNumbers() {
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
