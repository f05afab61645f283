package org.mloop.ci.workflow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.mloop.core.json.YamlTree;

/** A workflow file's bytes as UTF-8 text, refusing (with the line) what is too big, binary or not UTF-8. */
final class WorkflowFileText {
  private WorkflowFileText() {}

  /**
   * The file as UTF-8 text. A binary file (one holding NUL bytes) is named as such, and a file that
   * is not UTF-8 says where, never shown.
   */
  static String read(Path file, Path shown) {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > YamlTree.MAX_DOCUMENT_CHARS) { // refused before reading: a huge file costs nothing
        throw new WorkflowException(new Location(shown, 0), "is " + size + " bytes, over the limit of "
            + YamlTree.MAX_DOCUMENT_CHARS + " bytes for a YAML file");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new WorkflowException(new Location(shown, 0), "no such file: workflows live in .github/workflows");
    } catch (IOException e) {
      throw new WorkflowException(new Location(shown, 0), "cannot be read: " + e.getMessage());
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new WorkflowException(new Location(shown, lineAt(bytes, i)), "is a binary file (it holds NUL bytes, "
            + "the first at byte " + i + "), not a workflow: a workflow is YAML text in UTF-8");
      }
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int at = in.position();
      throw new WorkflowException(new Location(shown, lineAt(bytes, at)), String.format(Locale.ROOT,
          "is not UTF-8 text (byte 0x%02X at byte %d is not UTF-8): a workflow is YAML text in UTF-8; save it "
              + "as UTF-8, or remove it if it is a binary file", bytes[at] & 0xff, at));
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  private static int lineAt(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
