package dev.inlet.modem.pdu;

/** One information element of a user data header, as it came (known or not). */
public record InformationElement(int identifier, byte[] data) {
}
