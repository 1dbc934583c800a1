package org.integrityrisk.ingest;

/** An input that cannot be analysed as a whole (exit status 3 of the contract). */
public final class InputRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputRejectedException(String message) {
    super(message);
  }
}
