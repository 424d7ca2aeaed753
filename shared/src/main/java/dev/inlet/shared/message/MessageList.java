package dev.inlet.shared.message;

import java.util.List;

public record MessageList(List<StoredSms> messages) {
  public MessageList {
    messages = List.copyOf(messages);
  }
}
