package dev.inlet.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

  private final ApiKeys keys = new ApiKeys(List.of("first-key", "second-key"));

  @Test
  @DisplayName("the owner id of a key is the first 16 hex characters of its SHA-256")
  void ownerIdIsTruncatedSha256() {
    // echo -n abc | sha256sum -> ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    assertThat(ApiKeys.ownerId("abc")).isEqualTo("ba7816bf8f01cfea");
  }

  @Test
  @DisplayName("every configured key is accepted and stands for its own owner id")
  void configuredKeysAreAccepted() {
    assertThat(keys.ownerOf("first-key")).contains(ApiKeys.ownerId("first-key"));
    assertThat(keys.ownerOf("second-key")).contains(ApiKeys.ownerId("second-key"));
    assertThat(ApiKeys.ownerId("first-key")).isNotEqualTo(ApiKeys.ownerId("second-key"));
  }

  @Test
  @DisplayName("an unknown, empty, missing or merely prefixed key is refused")
  void otherKeysAreRefused() {
    assertThat(keys.ownerOf("third-key")).isEmpty();
    assertThat(keys.ownerOf("first-key-and-more")).isEmpty();
    assertThat(keys.ownerOf("first")).isEmpty();
    assertThat(keys.ownerOf("")).isEmpty();
    assertThat(keys.ownerOf(null)).isEmpty();
  }

  @Test
  @DisplayName("a key set without keys cannot be made")
  void needsAKey() {
    assertThatThrownBy(() -> new ApiKeys(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
