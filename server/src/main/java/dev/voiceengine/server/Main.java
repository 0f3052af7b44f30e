package dev.voiceengine.server;

import dev.voiceengine.server.cli.BatchCli;
import dev.voiceengine.server.cli.CallCli;
import dev.voiceengine.server.cli.KeysCli;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code voice-engine} command line. */
@Command(
    name = "voice-engine",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Real-time voice AI media engine: answers SIP calls, carries their audio, records them, serves"
        + " the calls API.",
    subcommands = {RunCommand.class, ProvidersCommand.class, CallCli.class, BatchCli.class, KeysCli.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'voice-engine run'");
  }

  /** Prints the engine's version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {Engine.USER_AGENT};
    }
  }
}
