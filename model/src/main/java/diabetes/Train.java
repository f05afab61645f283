package diabetes;

/** Placeholder entry point; replaced by the training code. */
public final class Train {
  public static void main(String[] args) {
    throw new UnsupportedOperationException("training code not written yet");
  }
}
