package snnspark.driver.cli;

import org.apache.hadoop.conf.Configuration;
import snnspark.driver.model.NetworkJson;
import snnspark.worker.description.NetworkDescription;

/** {@code --network FILE|JSON}: a description inline (it starts with a brace) or in a file. */
final class NetworkArgument {
  private NetworkArgument() {}

  /** The description {@code value} gives; the tutorial's when it is null. */
  static NetworkDescription read(String value) {
    if (value == null) {
      return NetworkDescription.TUTORIAL;
    }
    return value.strip().startsWith("{")
        ? NetworkJson.parse(value, "--network")
        : NetworkJson.load(value, new Configuration());
  }
}
