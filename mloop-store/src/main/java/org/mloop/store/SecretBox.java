package org.mloop.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.files.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts secrets kept in the metadata database (endpoint keys) with AES-256-GCM from the JDK. The
 * key is the workspace key file ({@value #FILE_NAME}, 32 random bytes in base64), created on first use
 * with mode 0600 in the workspace directory; a database shared by several machines (PostgreSQL) needs
 * the same file beside each server's workspace settings.
 *
 * <p>A sealed value is {@code aesgcm1:BASE64(IV || CIPHERTEXT || TAG)} with a fresh 12-byte IV; its
 * context (such as "endpoint diabetes-prod primary") is authenticated too, so a value copied to another
 * row or column does not decrypt.
 */
public final class SecretBox {
  public static final String FILE_NAME = "workspace.key";
  static final String PREFIX = "aesgcm1:";
  private static final Logger LOG = LoggerFactory.getLogger(SecretBox.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int KEY_BYTES = 32;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final SecretKey key;
  private final String origin;

  private SecretBox(byte[] key, String origin) {
    this.key = new SecretKeySpec(key, "AES");
    this.origin = origin;
  }

  /** The key in {@code file}, created (mode 0600) when missing. Several processes may race to create it: one wins. */
  public static SecretBox fromKeyFile(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    try {
      if (!Files.exists(abs)) {
        create(abs);
      }
      warnIfShared(abs);
      String text = Files.readString(abs, StandardCharsets.US_ASCII).strip();
      byte[] key;
      try {
        key = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        key = new byte[0];
      }
      if (key.length != KEY_BYTES) {
        throw new MloopException(ErrorCode.INTERNAL_ERROR, "the workspace key file " + abs + " does not hold a "
            + KEY_BYTES + "-byte base64 key; restore it from a backup (the endpoint keys in the database need it)");
      }
      return new SecretBox(key, abs.toString());
    } catch (IOException e) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR, "cannot read or create the workspace key file " + abs + ": "
          + e.getMessage(), e);
    }
  }

  /** A key that lives as long as this process: for in-memory databases and tests. */
  public static SecretBox ephemeral() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return new SecretBox(key, "a key of this process only");
  }

  private static void create(Path file) throws IOException {
    PrivateFiles.createDirectories(file.getParent());
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    // A name of its own for every caller: processes and threads may race to create the key file.
    Path temporary = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp",
        PrivateFiles.fileAttributes());
    try {
      try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        out.write(ByteBuffer.wrap((Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII)));
        out.force(true); // the key must outlive a power loss as the database it unlocks does
      }
      try {
        // A link never replaces: when another process created the file first, its key is the one.
        Files.createLink(file, temporary);
      } catch (FileAlreadyExistsException ignored) {
        // created meanwhile by another process or thread
      } catch (UnsupportedOperationException e) {
        try {
          Files.move(temporary, file);
        } catch (FileAlreadyExistsException ignored) {
          // created meanwhile
        }
      }
      PrivateFiles.syncFolder(file.getParent());
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static boolean posix(Path dir) {
    return Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
  }

  private static void warnIfShared(Path file) throws IOException {
    if (posix(file.getParent())) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(permissions)) {
        LOG.warn("the workspace key file {} is readable by others ({}): chmod 600 it", file,
            PosixFilePermissions.toString(permissions));
      }
    }
  }

  /** True when {@code value} is sealed (a database written before encryption holds plain values). */
  static boolean sealed(String value) {
    return value != null && value.startsWith(PREFIX);
  }

  /** Encrypts {@code plain}, binding it to {@code context}. */
  public String seal(String plain, String context) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[IV_BYTES + sealed.length];
      System.arraycopy(iv, 0, out, 0, IV_BYTES);
      System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
      return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR, "cannot encrypt " + context + ": " + e.getMessage(), e);
    }
  }

  /** Decrypts what {@link #seal} made for the same {@code context}. */
  public String open(String sealed, String context) {
    if (!sealed(sealed)) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR, context + " is stored unencrypted; open the database with"
          + " a current mloop, which encrypts it");
    }
    try {
      byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR, "cannot decrypt " + context + " with " + origin
          + ": the database was encrypted with another workspace key file (copy that " + FILE_NAME
          + " beside this workspace's settings)", e);
    }
  }
}
