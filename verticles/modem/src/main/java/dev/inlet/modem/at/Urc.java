package dev.inlet.modem.at;

/**
 * An unsolicited result code: a line (and for {@code +CMT}/{@code +CDS} the PDU line after it) the modem sends
 * on its own, possibly in the middle of a command's response.
 *
 * @param line the URC line
 * @param pdu  the PDU line of a two-line URC ({@code +CMT:}, {@code +CDS:}), else null
 */
public record Urc(String line, String pdu) {

  /** The storage index of {@code +CMTI: "SM",3} or {@code +CDSI: "SM",3}, or -1 when this is not one. */
  public int storedIndex() {
    if (!(line.startsWith("+CMTI:") || line.startsWith("+CDSI:"))) {
      return -1;
    }
    int comma = line.lastIndexOf(',');
    if (comma < 0) {
      return -1;
    }
    try {
      int index = Integer.parseInt(line.substring(comma + 1).strip());
      return index >= 0 ? index : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The storage named by {@code +CMTI: "SM",3} ({@code SM}), or null. */
  public String storage() {
    int colon = line.indexOf(':');
    int comma = line.lastIndexOf(',');
    if (colon < 0 || comma <= colon) {
      return null;
    }
    return line.substring(colon + 1, comma).strip().replace("\"", "");
  }
}
