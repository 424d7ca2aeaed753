package dev.inlet.modem.at;

import java.util.List;

/** The information lines of a command that ended with OK (echo, URCs and the final code removed). */
public record AtResponse(String command, List<String> lines) {

  public AtResponse {
    lines = List.copyOf(lines);
  }

  /** The first line that starts with {@code prefix}, without it and trimmed, or null. */
  public String value(String prefix) {
    for (String l : lines) {
      if (l.startsWith(prefix)) {
        return l.substring(prefix.length()).strip();
      }
    }
    return null;
  }
}
