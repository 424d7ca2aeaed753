package dev.inlet.smpp;

/**
 * One part of a concatenated message, from a UDH (IEI 0x00 or 0x08) or the sar_* TLVs.
 * Carries what a reassembler needs to join the parts' user data before decoding it once, so that
 * characters split across parts (a GSM escape, a UTF-16 surrogate pair) survive.
 *
 * @param reference the concatenation reference, shared by all parts of one message
 * @param total     how many parts the message has
 * @param number    this part's number, from 1
 * @param alphabet  the alphabet of the user data
 * @param userData  this part's user data, without UDH (not copied: do not modify)
 */
public record ConcatPart(int reference, int total, int number, Alphabet alphabet, byte[] userData) {
}
