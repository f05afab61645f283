package org.mloop.core.store;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.mloop.core.MessageText;
import org.mloop.core.MloopException;

/**
 * Which implementation opens a store named by a URI, chosen by the URI's scheme, as MLflow's
 * {@code ArtifactRepositoryRegistry} does: {@code file:} and a plain path open the file store,
 * {@code jdbc:sqlite:} the SQLite database, and so on. A URI no entry claims is refused with the
 * schemes there are. The registries themselves are the lists in the stores' modules
 * ({@code ArtifactStores}, {@code MetadataStores}); this is their one lookup.
 *
 * @param <O> how an entry opens its store (each kind of store has its own signature)
 */
public final class SchemeRegistry<O> {
  /**
   * One entry: the scheme as written before its ':' ("file", "jdbc:sqlite"; "" for a plain path,
   * which has none), an example URI for messages, and the opener.
   */
  public record Scheme<O>(String name, String example, O opener) {}

  /** A URI scheme of two characters or more: "C:\x" is a Windows path, not a URI of scheme "C". */
  private static final Pattern HAS_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);

  private final String what;
  private final List<Scheme<O>> schemes;
  private final UnaryOperator<String> shown;

  /**
   * @param what what the URI names, in messages ("artifact store URI")
   * @param shown how a URI appears in a message (a metadata URL's password is hidden)
   */
  public SchemeRegistry(String what, List<Scheme<O>> schemes, UnaryOperator<String> shown) {
    this.what = what;
    this.schemes = List.copyOf(schemes);
    this.shown = shown;
  }

  /** The opener of the first entry whose scheme {@code uri} has; refused naming the known schemes. */
  public O opener(String uri) {
    if (uri == null || uri.isBlank()) {
      throw MloopException.invalid("no " + what + " given: " + known());
    }
    for (Scheme<O> scheme : schemes) {
      if (scheme.name().isEmpty() ? !HAS_SCHEME.matcher(uri).matches()
          : uri.regionMatches(true, 0, scheme.name() + ":", 0, scheme.name().length() + 1)) {
        return scheme.opener();
      }
    }
    throw MloopException.invalid("unsupported " + what + " " + MessageText.quoted(shown.apply(uri)) + ": " + known());
  }

  /** The schemes, as written in a URI ("file:", "jdbc:sqlite:"; "" for a plain path). */
  public List<String> names() {
    return schemes.stream().map(s -> s.name().isEmpty() ? "" : s.name() + ":").toList();
  }

  private String known() {
    return "use " + String.join(", or ", schemes.stream()
        .map(s -> (s.name().isEmpty() ? "a plain path" : s.name() + ":") + " (as " + s.example() + ")")
        .toList());
  }
}
