package diabetes;

/**
 * A problem with what the user gave the training (a path, a file, an option): reported as one
 * message, without a stack trace, and a non-zero exit code.
 */
public final class InputError extends RuntimeException {
  public InputError(String message) {
    super(message);
  }

  public InputError(String message, Throwable cause) {
    super(message, cause);
  }
}
