package org.integrityrisk.cli;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A sub-command and its {@code --name value} options. Every option takes exactly one
 * value; an option given twice is an error rather than a silent last-wins.
 */
public record CommandLine(String command, Map<String, String> options) {
  public CommandLine {
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }


  public static CommandLine parse(String[] args) {
    if (args.length == 0) {
      throw new UsageException("no command given");
    }
    String command = args[0];
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new CommandLine("help", Map.of());
      }
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException("unexpected argument '" + arg + "': options are --name value");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else {
        // A flag without a value is kept as such: whether it "needs a value" or is not an
        // option at all is for the command to say, which knows its options.
        value = i + 1 >= args.length || args[i + 1].startsWith("--") ? null : args[++i];
      }
      if (options.containsKey(name)) {
        throw new UsageException("option --" + name + " is given more than once");
      }
      options.put(name, value);
    }
    return new CommandLine(command, options);
  }

  public Optional<String> option(String name) {
    if (options.containsKey(name) && options.get(name) == null) {
      throw new UsageException("option --" + name + " needs a value");
    }
    return Optional.ofNullable(options.get(name));
  }

  public String required(String name) {
    return option(name).orElseThrow(() -> new UsageException("option --" + name + " is required for '" + command + "'"));
  }

  /** Fails naming every option the command does not know. */
  public void requireOnly(String... known) {
    Map<String, String> unknown = remaining(known);
    if (!unknown.isEmpty()) {
      throw new UsageException("unknown option(s) for " + command + ": --" + String.join(", --", unknown.keySet()));
    }
  }

  /** Options other than {@code known}: for 'run' these are config overrides. */
  public Map<String, String> remaining(String... known) {
    Map<String, String> rest = new LinkedHashMap<>(options);
    Arrays.stream(known).forEach(rest::remove);
    return rest;
  }
}
