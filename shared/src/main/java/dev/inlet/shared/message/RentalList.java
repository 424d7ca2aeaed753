package dev.inlet.shared.message;

import java.util.List;

public record RentalList(List<Rental> rentals) {
  public RentalList {
    rentals = List.copyOf(rentals);
  }
}
