package org.integrityrisk.cli;

/** A command line that cannot be run as given (exit status 2). */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
