package dev.voiceengine.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceengine.server.config.ConfigException;
import dev.voiceengine.server.config.ConfigLoader;
import dev.voiceengine.server.config.EngineConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code voice-engine run}: starts the engine and serves until SIGTERM or SIGINT, then drains (live calls get BYE,
 * recordings and records are finished). Prints one JSON ready line on stdout once it serves; logs go to stderr.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start the engine and serve calls.")
public final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (default: embedded defaults)")
  Path config;

  @Option(names = "--sip-port", paramLabel = "N", description = "SIP UDP+TCP port, 0 = any free (default 5060)")
  Integer sipPort;

  @Option(names = "--http-port", paramLabel = "N", description = "REST API port, 0 = any free (default 8080)")
  Integer httpPort;

  @Option(names = "--rtp-ports", paramLabel = "A-B", description = "RTP port range (default 20000-29999)")
  String rtpPorts;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "calls.db, recordings/, api-key (default ./data)")
  Path dataDir;

  @Option(names = "--bind", paramLabel = "ADDR", description = "listen address (default 127.0.0.1)")
  String bind;

  private final PrintStream out;

  public RunCommand() {
    this(System.out);
  }

  RunCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    EngineConfig cfg;
    String source;
    Path baseDir;
    try {
      ConfigLoader loader = new ConfigLoader(System.getenv());
      if (config != null) {
        cfg = loader.load(config);
        source = config.toString();
        Path parent = config.toAbsolutePath().getParent();
        baseDir = parent == null ? Path.of(".") : parent;
      } else {
        cfg = EngineConfig.defaults();
        source = "(defaults)";
        baseDir = Path.of(".").toAbsolutePath();
      }
      cfg = applyOverrides(cfg);
    } catch (ConfigException e) {
      System.err.println("voice-engine: " + e.getMessage());
      return 2;
    }
    Engine engine;
    try {
      engine = Engine.start(cfg, source, baseDir);
    } catch (ConfigException e) {
      System.err.println("voice-engine: " + e.getMessage());
      return 2;
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      // a port taken, a data folder in use or unwritable: say what, not a stack trace
      log.debug("start failed", e);
      System.err.println("voice-engine: cannot start: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      log.error("start failed", e);
      System.err.println("voice-engine: cannot start: " + e + " (details above)");
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      try {
        engine.close();
      } finally {
        stopped.countDown();
      }
    }, "shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println(readyLine(engine.ready()));
    out.flush();
    stopped.await();
    return 0;
  }

  EngineConfig applyOverrides(EngineConfig cfg) {
    if (bind != null) {
      cfg = cfg.withBind(bind);
    }
    if (sipPort != null) {
      cfg = cfg.withSip(cfg.sip().withPort(sipPort));
    }
    if (httpPort != null) {
      cfg = cfg.withHttp(new dev.voiceengine.server.config.HttpConfig(httpPort));
    }
    if (rtpPorts != null) {
      cfg = cfg.withRtp(cfg.rtp().withPorts(rtpPorts));
    }
    if (dataDir != null) {
      cfg = cfg.withDataDir(dataDir.toString());
    }
    return cfg;
  }

  static String readyLine(Engine.Ready ready) {
    ObjectNode line = new ObjectMapper().createObjectNode();
    line.put("event", "ready");
    line.put("sip_port", ready.sipPort());
    line.put("http_port", ready.httpPort());
    line.put("data_dir", ready.dataDir().toString());
    if (ready.apiKeyFile() != null) {
      line.put("api_key_file", ready.apiKeyFile().toString());
    }
    return line.toString();
  }
}
