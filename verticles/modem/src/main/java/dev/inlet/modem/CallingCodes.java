package dev.inlet.modem;

import java.util.Map;
import java.util.Optional;

/**
 * The country of an E.164 number from its calling code, for ports whose configuration names no country. Shared
 * calling codes answer their main country (+1: US, +7: RU, +44: GB): give {@code country} in the port's
 * configuration for the others (CA, KZ, GG, ...).
 */
final class CallingCodes {

  private static final Map<String, String> COUNTRY = Map.ofEntries(
      Map.entry("1", "US"), Map.entry("7", "RU"), Map.entry("20", "EG"), Map.entry("27", "ZA"),
      Map.entry("30", "GR"), Map.entry("31", "NL"), Map.entry("32", "BE"), Map.entry("33", "FR"),
      Map.entry("34", "ES"), Map.entry("36", "HU"), Map.entry("39", "IT"), Map.entry("40", "RO"),
      Map.entry("41", "CH"), Map.entry("43", "AT"), Map.entry("44", "GB"), Map.entry("45", "DK"),
      Map.entry("46", "SE"), Map.entry("47", "NO"), Map.entry("48", "PL"), Map.entry("49", "DE"),
      Map.entry("51", "PE"), Map.entry("52", "MX"), Map.entry("54", "AR"), Map.entry("55", "BR"),
      Map.entry("56", "CL"), Map.entry("57", "CO"), Map.entry("58", "VE"), Map.entry("60", "MY"),
      Map.entry("61", "AU"), Map.entry("62", "ID"), Map.entry("63", "PH"), Map.entry("64", "NZ"),
      Map.entry("65", "SG"), Map.entry("66", "TH"), Map.entry("81", "JP"), Map.entry("82", "KR"),
      Map.entry("84", "VN"), Map.entry("86", "CN"), Map.entry("90", "TR"), Map.entry("91", "IN"),
      Map.entry("92", "PK"), Map.entry("212", "MA"), Map.entry("234", "NG"), Map.entry("254", "KE"),
      Map.entry("351", "PT"), Map.entry("352", "LU"), Map.entry("353", "IE"), Map.entry("354", "IS"),
      Map.entry("358", "FI"), Map.entry("359", "BG"), Map.entry("370", "LT"), Map.entry("371", "LV"),
      Map.entry("372", "EE"), Map.entry("380", "UA"), Map.entry("381", "RS"), Map.entry("385", "HR"),
      Map.entry("386", "SI"), Map.entry("420", "CZ"), Map.entry("421", "SK"), Map.entry("852", "HK"),
      Map.entry("886", "TW"), Map.entry("966", "SA"), Map.entry("971", "AE"), Map.entry("972", "IL"));

  private CallingCodes() {
  }

  /** The country of {@code e164} ({@code +} and digits), by its longest known calling code. */
  static Optional<String> country(String e164) {
    for (int length = 3; length >= 1; length--) {
      if (e164.length() > length + 1) {
        String country = COUNTRY.get(e164.substring(1, 1 + length));
        if (country != null) {
          return Optional.of(country);
        }
      }
    }
    return Optional.empty();
  }
}
