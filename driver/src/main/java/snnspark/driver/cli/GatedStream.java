package snnspark.driver.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.BooleanSupplier;

/**
 * A stream that passes bytes to the console only while its gate is open. The CLI keeps its one line
 * per failure by closing the gate on what other threads print while a job is torn down: after a
 * task failed on bad input ({@link SnnCli}), or once an interrupt's line is out ({@code Main}).
 */
public final class GatedStream extends OutputStream {
  private final PrintStream console;
  private final BooleanSupplier open;

  /** Passes to {@code console} whenever {@code open} says so. */
  public GatedStream(PrintStream console, BooleanSupplier open) {
    this.console = console;
    this.open = open;
  }

  @Override
  public void write(int b) {
    if (open.getAsBoolean()) {
      console.write(b);
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    if (open.getAsBoolean()) {
      console.write(bytes, offset, length);
    }
  }

  @Override
  public void flush() {
    if (open.getAsBoolean()) {
      console.flush();
    }
  }
}
