package dev.inlet.shared.message;

import java.util.List;

/** A number of the pool: E.164 form, ISO 3166 country, capabilities ("sms"). */
public record PoolNumber(String number, String country, List<String> capabilities) {
  public PoolNumber {
    capabilities = List.copyOf(capabilities);
  }
}
