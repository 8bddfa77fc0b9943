package snnspark.driver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process the tests start (a driver JVM, a cluster script, a browser), its output collected as it
 * comes: the one launcher of the test suites.
 */
public final class TestProcess {
  /** Exit code and everything the process printed. */
  public record Output(int exitCode, String text) {}

  private final Process process;
  private final StringBuffer text = new StringBuffer();
  private final Thread reader;

  private TestProcess(Process process) {
    this.process = process;
    this.reader = new Thread(this::collect);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code command} with {@code environment} added, standard error merged into output. */
  public static TestProcess start(List<String> command, Map<String, String> environment) {
    return start(new ProcessBuilder(command).redirectErrorStream(true), environment);
  }

  /**
   * Starts {@code command} with {@code environment} added, standard error into the file {@code
   * stderr} (for tests of exactly what a process prints there), standard output collected.
   */
  public static TestProcess startWithStderrTo(
      List<String> command, Map<String, String> environment, Path stderr) {
    return start(new ProcessBuilder(command).redirectError(stderr.toFile()), environment);
  }

  private static TestProcess start(ProcessBuilder builder, Map<String, String> environment) {
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      process.getOutputStream().close(); // no input: nothing may wait for it
      return new TestProcess(process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + builder.command(), e);
    }
  }

  /** Sends signal {@code name} ({@code TERM}, {@code INT}) to the process itself, by its pid. */
  public void signal(String name) throws InterruptedException {
    TestProcess kill = start(List.of("kill", "-s", name, String.valueOf(process.pid())), Map.of());
    Output sent = kill.finishWithin(10);
    if (sent.exitCode() != 0) {
      throw new AssertionError("kill -s " + name + " failed: " + sent.text());
    }
  }

  private void collect() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        text.append(line).append('\n');
      }
    } catch (IOException e) {
      text.append("(output lost: ").append(e).append(")\n");
    }
  }

  /** Everything printed so far. */
  public String text() {
    return text.toString();
  }

  /** Whether {@code fragment} was printed. */
  public boolean printed(String fragment) {
    return text.toString().contains(fragment);
  }

  /** The process's id: after deploy/snn's {@code exec}, the JVM's. */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Characters printed so far. */
  public int length() {
    return text.length();
  }

  /** Waits until {@code fragment} is printed; fails if the process ends or time runs out. */
  public void awaitLine(String fragment, int minutes) throws InterruptedException {
    if (!awaitLineAfter(fragment, 0, minutes)) {
      throw new AssertionError("never printed '" + fragment + "':\n" + text);
    }
  }

  /**
   * Waits until {@code fragment} appears at or after character {@code from}; false if the process
   * ends or {@code minutes} pass first.
   */
  public boolean awaitLineAfter(String fragment, int from, int minutes)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
    while (text.indexOf(fragment, from) < 0) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        return text.indexOf(fragment, from) >= 0;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /** Waits for the end; fails (after killing it) if it runs past {@code seconds}. */
  public Output finishWithin(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("still running after " + seconds + " s:\n" + text);
    }
    reader.join(10_000);
    return new Output(process.exitValue(), text.toString());
  }

  /** Waits for the end, at most {@code minutes}. */
  public Output finish(int minutes) throws InterruptedException {
    return finishWithin(TimeUnit.MINUTES.toSeconds(minutes));
  }

  /** SIGKILLs the process and waits for it to go. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
  }
}
