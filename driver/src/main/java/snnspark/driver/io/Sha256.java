package snnspark.driver.io;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 digests as the project records them: 64 lower-case hex digits. */
public final class Sha256 {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  private Sha256() {}

  /** The digest of {@code bytes}. */
  public static String of(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  /** A fresh SHA-256 digest, for content fed in parts. */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * {@code hex} if it is a digest as {@link #of} writes it, or null; anything else is refused
   * naming {@code setting}.
   */
  public static String checkNullable(String setting, String hex) {
    if (hex != null && !HEX.matcher(hex).matches()) {
      throw new UserException(
          setting + " must be a SHA-256 of 64 lower-case hex digits, got '" + hex + "'");
    }
    return hex;
  }
}
