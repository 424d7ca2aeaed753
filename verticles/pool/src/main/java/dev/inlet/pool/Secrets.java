package dev.inlet.pool;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers: session ids (the pickup codes) and WebSocket tokens. */
final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private Secrets() {
  }

  /** 128 random bits. */
  static String sessionId() {
    return random(16);
  }

  /** 192 random bits. */
  static String wsToken() {
    return random(24);
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return ENCODER.encodeToString(b);
  }
}
