package dev.inlet.modem.pdu;

/**
 * A concatenated short message information element (23.040 9.2.3.24.1 and .8).
 *
 * @param reference   the reference shared by all parts of one message
 * @param referenceBits 8 (IEI 0x00) or 16 (IEI 0x08)
 * @param total       how many parts
 * @param sequence    this part's number, from 1
 */
public record Concatenation(int reference, int referenceBits, int total, int sequence) {
}
