package dev.inlet.modem;

import dev.inlet.shared.PhoneNumber;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One entry of {@code modem.ports}: {@code {"port": "/dev/ttyUSB0", "number": "+4915112345678", "country": "DE",
 * "baud": 115200}}. {@code number} and {@code country} are optional (then read from the SIM with {@code AT+CNUM},
 * and from the number's calling code); {@code port} may be a glob such as {@code /dev/ttyUSB*} (one port per match,
 * sorted) or a symlink (a socat pty link).
 */
public record PortConfig(String port, String number, String country, int baud) {

  public static final int DEFAULT_BAUD = 115200;
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  public PortConfig {
    if (port == null || port.isBlank()) {
      throw new IllegalArgumentException("a modem port needs \"port\" (a device path such as /dev/ttyUSB0, or a glob)");
    }
    if (number != null && !PhoneNumber.isE164(number)) {
      throw new IllegalArgumentException("modem port " + port + ": number " + number
          + " is not E.164 (such as +4915112345678)");
    }
    if (country != null && !COUNTRIES.contains(country)) {
      throw new IllegalArgumentException("modem port " + port + ": country " + country
          + " is not an ISO 3166 code (such as DE)");
    }
    if (baud <= 0) {
      throw new IllegalArgumentException("modem port " + port + ": baud must be positive, not " + baud);
    }
  }

  /** Reads {@code modem.ports}, a glob becoming one entry per matching path (a glob matching nothing: none). */
  public static List<PortConfig> fromJson(JsonArray ports) {
    List<PortConfig> out = new ArrayList<>();
    for (Object o : ports) {
      if (!(o instanceof JsonObject p)) {
        throw new IllegalArgumentException("modem.ports entries are objects such as {\"port\":\"/dev/ttyUSB0\"}, not " + o);
      }
      Object baud = p.getValue("baud", DEFAULT_BAUD);
      if (!(baud instanceof Number b)) {
        throw new IllegalArgumentException("modem port " + p.getValue("port") + ": baud must be a number, not " + baud);
      }
      Object port = p.getValue("port");
      PortConfig entry = new PortConfig(port instanceof String s ? s : null, p.getString("number"),
          p.getString("country"), b.intValue());
      List<String> paths = expand(entry.port());
      if (paths.size() > 1 && entry.number() != null) {
        throw new IllegalArgumentException("modem port glob " + entry.port() + " matches " + paths.size()
            + " ports: one number cannot belong to all of them (leave number out: AT+CNUM reads each SIM's)");
      }
      for (String path : paths) {
        out.add(new PortConfig(path, entry.number(), entry.country(), entry.baud()));
      }
    }
    long distinct = out.stream().map(PortConfig::port).distinct().count();
    if (distinct != out.size()) {
      throw new IllegalArgumentException("modem.ports names a port more than once");
    }
    return out;
  }

  /** The paths a glob matches now, sorted; a path without glob characters as is. */
  static List<String> expand(String pattern) {
    if (!isGlob(pattern)) {
      return List.of(pattern);
    }
    Path full = Path.of(pattern);
    Path dir = full.getParent();
    if (dir == null || isGlob(dir.toString())) {
      throw new IllegalArgumentException("modem port glob " + pattern + ": only the file name may hold wildcards");
    }
    List<String> matches = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, full.getFileName().toString())) {
      stream.forEach(p -> matches.add(p.toString()));
    } catch (IOException e) {
      throw new IllegalArgumentException("modem port glob " + pattern + ": cannot list " + dir + ": " + e.getMessage());
    }
    matches.sort(PortConfig::naturalOrder);
    return matches;
  }

  private static boolean isGlob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
  }

  /** ttyUSB2 before ttyUSB10. */
  private static int naturalOrder(String a, String b) {
    String pa = a.replaceAll("\\d+$", "");
    String pb = b.replaceAll("\\d+$", "");
    if (pa.equals(pb) && a.length() != b.length()) {
      return Integer.compare(a.length(), b.length());
    }
    return a.compareTo(b);
  }
}
