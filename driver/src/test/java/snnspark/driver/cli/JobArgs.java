package snnspark.driver.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import snnspark.datasets.SharedSparkContext;
import snnspark.datasets.TestDatasets;

/**
 * The command line of a small job, for the tests that run one: named settings instead of long lists
 * of strings, the test MNIST copy and 2 workers unless a test says otherwise.
 */
final class JobArgs {
  private final List<String> args = new ArrayList<>();

  private JobArgs(String command) {
    args.add(command);
  }

  /** {@code command} on the test copy of MNIST with 2 workers. */
  static JobArgs of(String command) {
    return command(command).flag("--data", TestDatasets.mnist().toString());
  }

  /** {@code command} with 2 workers and no dataset (predict reads its own input). */
  static JobArgs command(String command) {
    return new JobArgs(command).workers(2);
  }

  JobArgs flag(String name, Object value) {
    int at = args.indexOf(name);
    if (at >= 0) {
      args.set(at + 1, String.valueOf(value));
    } else {
      args.add(name);
      args.add(String.valueOf(value));
    }
    return this;
  }

  JobArgs switchOn(String name) {
    args.add(name);
    return this;
  }

  JobArgs data(String uri) {
    return flag("--data", uri);
  }

  JobArgs model(Object uri) {
    return flag("--model", uri);
  }

  JobArgs out(Object uri) {
    return flag("--out", uri);
  }

  JobArgs report(Path dir) {
    return flag("--report", dir);
  }

  JobArgs checkpoints(Object uri) {
    return flag("--checkpoint-dir", uri);
  }

  JobArgs trainImages(int n) {
    return flag("--train-limit", n);
  }

  JobArgs testImages(int n) {
    return flag("--test-limit", n);
  }

  JobArgs epochs(int n) {
    return flag("--epochs", n);
  }

  JobArgs batchSize(int n) {
    return flag("--batch-size", n);
  }

  JobArgs steps(int n) {
    return flag("--steps", n);
  }

  JobArgs workers(int n) {
    return flag("--workers", n);
  }

  /** Spark in this JVM, as the shared test context runs it. */
  JobArgs local() {
    return flag("--master", SharedSparkContext.MASTER);
  }

  List<String> list() {
    return List.copyOf(args);
  }

  /** Runs the command line in this JVM. */
  CliRunner.Result run() {
    return CliRunner.run(args.toArray(String[]::new));
  }
}
