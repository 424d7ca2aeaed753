package dev.inlet.shared.message;

import java.util.List;

/** A page of delivery receipts, in the order received. */
public record ReceiptList(List<DeliveryReceipt> receipts) {
}
