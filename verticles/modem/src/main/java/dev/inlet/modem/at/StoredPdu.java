package dev.inlet.modem.at;

import java.util.ArrayList;
import java.util.List;

/**
 * A message in the modem's storage as {@code AT+CMGL} or {@code AT+CMGR} lists it in PDU mode (27.005 3.4.2/3.4.3).
 *
 * @param index  the storage index ({@code AT+CMGD=<index>} deletes it)
 * @param status 0 received unread, 1 received read, 2 stored unsent, 3 stored sent
 * @param pdu    the PDU line in hex, exactly as listed
 */
public record StoredPdu(int index, int status, String pdu) {

  /** Whether this is a message the SIM received (not a draft or a copy of one it sent). */
  public boolean received() {
    return status == 0 || status == 1;
  }

  /**
   * The messages of an {@code AT+CMGL} response: each {@code +CMGL: <index>,<stat>,[<alpha>],<length>} line
   * followed by its PDU line. A header that cannot be read, or without its PDU line, is reported in
   * {@code problems} and skipped; the rest are still returned.
   */
  public static List<StoredPdu> listing(AtResponse response, List<String> problems) {
    List<StoredPdu> out = new ArrayList<>();
    List<String> lines = response.lines();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.startsWith("+CMGL:")) {
        problems.add("unexpected line in +CMGL listing: " + excerpt(line));
        continue;
      }
      if (i + 1 >= lines.size() || lines.get(i + 1).startsWith("+CMGL:")) {
        problems.add("+CMGL header without its PDU line: " + excerpt(line));
        continue;
      }
      String pdu = lines.get(++i);
      String[] fields = line.substring(6).split(",");
      try {
        out.add(new StoredPdu(Integer.parseInt(fields[0].strip()), Integer.parseInt(fields[1].strip()), pdu));
      } catch (RuntimeException e) {
        problems.add("unreadable +CMGL header: " + excerpt(line));
      }
    }
    return out;
  }

  /**
   * The message of an {@code AT+CMGR=<index>} response ({@code +CMGR: <stat>,[<alpha>],<length>} and the PDU
   * line), or null when the slot is empty (some modems answer just OK, others {@code +CMGR: 0,,0}).
   *
   * @throws IllegalArgumentException when the response cannot be read
   */
  public static StoredPdu read(int index, AtResponse response) {
    List<String> lines = response.lines();
    int header = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("+CMGR:")) {
        header = i;
        break;
      }
    }
    if (header < 0) {
      if (lines.isEmpty()) {
        return null;
      }
      throw new IllegalArgumentException("no +CMGR header in " + excerpt(String.join(" | ", lines)));
    }
    String[] fields = lines.get(header).substring(6).split(",");
    int status;
    try {
      status = Integer.parseInt(fields[0].strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("unreadable +CMGR header: " + excerpt(lines.get(header)));
    }
    if (header + 1 >= lines.size()) {
      return null; // +CMGR: 0,,0 : an empty slot
    }
    return new StoredPdu(index, status, lines.get(header + 1));
  }

  private static String excerpt(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}
