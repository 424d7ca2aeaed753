package dev.inlet.modem.pdu;

/** Reads the octets of a PDU in order; every read past the end is a {@link PduException} naming the field. */
final class PduReader {

  private final byte[] octets;
  private int position;

  PduReader(byte[] octets) {
    this.octets = octets;
  }

  int position() {
    return position;
  }

  int remaining() {
    return octets.length - position;
  }

  int octet(String field) throws PduException {
    need(1, field);
    return octets[position++] & 0xFF;
  }

  byte[] octets(int count, String field) throws PduException {
    need(count, field);
    byte[] out = new byte[count];
    System.arraycopy(octets, position, out, 0, count);
    position += count;
    return out;
  }

  private void need(int count, String field) throws PduException {
    if (count < 0 || remaining() < count) {
      throw new PduException(field + " needs " + count + " octet(s) at octet " + position + " but the PDU has "
          + remaining() + " left (" + octets.length + " in all)");
    }
  }
}
