package dev.voiceengine.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceengine.providers.scripted.AgentScript;
import dev.voiceengine.providers.server.ProviderServer;
import dev.voiceengine.server.config.ConfigException;
import dev.voiceengine.server.config.ConfigLoader;
import dev.voiceengine.server.config.EngineConfig;
import dev.voiceengine.server.wiring.AgentScripts;
import dev.voiceengine.server.wiring.EmbeddedProviders;
import io.grpc.BindableService;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code voice-engine providers serve --port N}: serves the configured in-process providers (by default the offline
 * recogniser, the scripted agent and the synthesiser) over TCP gRPC, so that engines on other machines can point a
 * capability at {@code grpc://host:N}. Prints one JSON ready line; serves until SIGTERM or SIGINT.
 */
@Command(name = "providers", mixinStandardHelpOptions = true, description = "Provider services.",
    subcommands = {ProvidersCommand.Serve.class})
public final class ProvidersCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'voice-engine providers serve'");
  }

  /** Serves the providers over TCP. */
  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = "Serve the configured speech, language and voice providers over gRPC (TCP).")
  public static final class Serve implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", required = true, description = "TCP port, 0 = any free")
    int port;

    @Option(names = "--host", paramLabel = "ADDR", description = "listen address (default 127.0.0.1)")
    String host = "127.0.0.1";

    @Option(names = "--config", paramLabel = "FILE",
        description = "YAML configuration: its providers and agents' scripts (default: embedded defaults)")
    Path config;

    private final PrintStream out;

    public Serve() {
      this(System.out);
    }

    Serve(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() throws Exception {
      EmbeddedProviders embedded = new EmbeddedProviders();
      ProviderServer server;
      try {
        EngineConfig cfg = config == null ? EngineConfig.defaults() : new ConfigLoader(System.getenv()).load(config);
        Map<String, AgentScript> scripts = AgentScripts.read(cfg.agents());
        List<BindableService> services = new ArrayList<>();
        add(services, embedded.stt(cfg.providers().stt(), "providers.stt",
            scripts.values().stream().map(AgentScript::phrases).distinct().toList()));
        add(services, embedded.llm(cfg.providers().llm(), "providers.llm", scripts));
        add(services, embedded.tts(cfg.providers().tts(), "providers.tts"));
        if (services.isEmpty()) {
          throw new ConfigException("providers: every capability points at another server (grpc://…); "
              + "nothing to serve here");
        }
        server = ProviderServer.tcp(host, port, services);
      } catch (ConfigException e) {
        embedded.close();
        System.err.println("voice-engine: " + e.getMessage());
        return 2;
      } catch (java.io.UncheckedIOException e) {
        embedded.close();
        System.err.println("voice-engine: cannot serve providers on " + host + ":" + port + ": " + e.getMessage());
        return 1;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
          embedded.close();
        } finally {
          stopped.countDown();
        }
      }, "shutdown"));
      ObjectNode line = new ObjectMapper().createObjectNode();
      line.put("event", "providers_ready");
      line.put("host", host);
      line.put("port", server.port());
      out.println(line);
      out.flush();
      stopped.await();
      return 0;
    }

    private static void add(List<BindableService> services, BindableService s) {
      if (s != null) {
        services.add(s);
      }
    }
  }
}
