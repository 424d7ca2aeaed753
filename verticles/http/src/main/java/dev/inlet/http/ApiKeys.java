package dev.inlet.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The API keys the HTTP API accepts, and the owner id each stands for: the first 16 hex characters of
 * the SHA-256 of the key. Keys are compared by their digests in constant time, and every configured
 * key is compared, so the time a check takes says nothing about the keys.
 */
public final class ApiKeys {

  private static final int OWNER_ID_BYTES = 8;

  private final List<byte[]> digests;

  public ApiKeys(List<String> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one API key is needed");
    }
    this.digests = keys.stream().map(ApiKeys::sha256).toList();
  }

  /** The owner id of the presented key, or empty when it is not one of the configured keys. */
  public Optional<String> ownerOf(String presentedKey) {
    if (presentedKey == null || presentedKey.isEmpty()) {
      return Optional.empty();
    }
    byte[] presented = sha256(presentedKey);
    boolean match = false;
    for (byte[] digest : digests) {
      match |= MessageDigest.isEqual(digest, presented);
    }
    return match ? Optional.of(ownerIdOfDigest(presented)) : Optional.empty();
  }

  /** The owner id of a key: the first 16 hex characters of its SHA-256. */
  public static String ownerId(String key) {
    return ownerIdOfDigest(sha256(key));
  }

  private static String ownerIdOfDigest(byte[] digest) {
    return HexFormat.of().formatHex(digest, 0, OWNER_ID_BYTES);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
