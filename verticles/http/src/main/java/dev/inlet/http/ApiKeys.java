package dev.inlet.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API keys the HTTP API accepts, held as SHA-256 digests only (the keys themselves are not kept), and the owner
 * id each stands for: the first 16 hex characters of the digest. Keys are compared by their digests in constant time,
 * and every configured key is compared, so the time a check takes says nothing about the keys.
 */
public final class ApiKeys {

  private static final int OWNER_ID_BYTES = 8;

  /** One configured key: its digest and its limits. */
  record Entry(byte[] digest, KeyLimits limits) {
  }

  private final List<Entry> entries;
  private final Map<String, KeyLimits> limitsByOwner = new LinkedHashMap<>();

  public ApiKeys(List<String> keys) {
    this(keys.stream().map(k -> new ConfiguredKey(k, KeyLimits.DEFAULTS)).toList(), KeyLimits.DEFAULTS);
  }

  /** Keys with their own limits, as {@code http.apiKeys} configures them. */
  static ApiKeys configured(List<ConfiguredKey> keys) {
    return new ApiKeys(keys, KeyLimits.DEFAULTS);
  }

  /** (The second parameter only tells this constructor from the public one.) */
  private ApiKeys(List<ConfiguredKey> keys, KeyLimits unused) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one API key is needed");
    }
    List<Entry> list = new ArrayList<>();
    for (ConfiguredKey key : keys) {
      byte[] digest = sha256(key.key());
      list.add(new Entry(digest, key.limits()));
      limitsByOwner.put(ownerIdOfDigest(digest), key.limits());
    }
    this.entries = List.copyOf(list);
  }

  /** A key as configured, before it is hashed. */
  record ConfiguredKey(String key, KeyLimits limits) {
    @Override
    public String toString() {
      return "ConfiguredKey[key=(hidden), limits=" + limits + "]";
    }
  }

  /** The owner id of the presented key, or empty when it is not one of the configured keys. */
  public Optional<String> ownerOf(String presentedKey) {
    if (presentedKey == null || presentedKey.isEmpty()) {
      return Optional.empty();
    }
    byte[] presented = sha256(presentedKey);
    boolean match = false;
    for (Entry entry : entries) {
      match |= MessageDigest.isEqual(entry.digest(), presented);
    }
    return match ? Optional.of(ownerIdOfDigest(presented)) : Optional.empty();
  }

  /** The limits of an owner (the defaults for an owner id that is not configured). */
  KeyLimits limitsOf(String owner) {
    return limitsByOwner.getOrDefault(owner, KeyLimits.DEFAULTS);
  }

  /** Owner ids with their limits, in configuration order. */
  Map<String, KeyLimits> owners() {
    return Map.copyOf(limitsByOwner);
  }

  List<String> ownerIds() {
    return List.copyOf(limitsByOwner.keySet());
  }

  /** The owner id of a key: the first 16 hex characters of its SHA-256. */
  public static String ownerId(String key) {
    return ownerIdOfDigest(sha256(key));
  }

  private static String ownerIdOfDigest(byte[] digest) {
    return HexFormat.of().formatHex(digest, 0, OWNER_ID_BYTES);
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
