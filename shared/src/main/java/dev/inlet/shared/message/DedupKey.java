package dev.inlet.shared.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Dedup keys of inbound messages: a source that delivers the same message again (an SMSC retrying after a
 * temporary error or a lost acknowledgement, a modem reading its SIM again after a restart) gives it the same
 * key, so the store keeps one copy. The key is the source's name and a SHA-256 over what identifies the message
 * on the wire (sequence numbers are not: they change when the SMSC retries).
 */
public final class DedupKey {

  private DedupKey() {
  }

  /** {@code source:} followed by the hash of the parts (each length-prefixed, so parts cannot run together). */
  public static String of(String source, byte[]... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        byte[] p = part == null ? new byte[0] : part;
        sha.update(ByteBuffer.allocate(4).putInt(part == null ? -1 : p.length).array());
        sha.update(p);
      }
      return source + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  public static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }
}
