package dev.inlet.shared.message;

import java.util.List;

public record NumberList(List<PoolNumber> numbers) {
  public NumberList {
    numbers = List.copyOf(numbers);
  }
}
