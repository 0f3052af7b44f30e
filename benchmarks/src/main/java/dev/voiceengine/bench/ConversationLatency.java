package dev.voiceengine.bench;

import dev.voiceengine.conversation.AgentProfile;
import dev.voiceengine.conversation.ConversationFactory;
import dev.voiceengine.conversation.FailurePolicy;
import dev.voiceengine.conversation.PhraseCache;
import dev.voiceengine.conversation.ProviderSet;
import dev.voiceengine.conversation.provider.grpc.GrpcLanguageModel;
import dev.voiceengine.conversation.provider.grpc.GrpcSpeechToText;
import dev.voiceengine.conversation.provider.grpc.GrpcTextToSpeech;
import dev.voiceengine.conversation.provider.grpc.ProviderDeadlines;
import dev.voiceengine.conversation.turn.TurnSettings;
import dev.voiceengine.conversation.vad.VadEngine;
import dev.voiceengine.conversation.vad.VadEngines;
import dev.voiceengine.media.MediaEngine;
import dev.voiceengine.media.MediaSettings;
import dev.voiceengine.proto.control.v1.CallEvent;
import dev.voiceengine.proto.control.v1.TurnCompleted;
import dev.voiceengine.testsupport.audio.SpokenAudio;
import dev.voiceengine.testsupport.providers.FakeProviderServices;
import dev.voiceengine.testsupport.providers.InProcessProvider;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What the engine itself adds to a conversation, measured from outside over loopback UDP: the real Silero VAD and
 * turn detector, the real gRPC provider clients, and providers that answer at once (served in process), so every
 * millisecond left is the engine's. Prints (a) answer → first audible greeting packet, with the greeting cached
 * beforehand, and (b) per turn, the caller's last speech packet → the agent's first audible packet, minus the
 * endpoint silence the agent is configured to wait; beside it the engine's own voice_to_voice_ms.
 *
 * <p>{@code java -cp benchmarks.jar dev.voiceengine.bench.ConversationLatency --calls 10 --turns 5
 * [--concurrency N] [--warmup 1] [--rtp-base 40000]}; calls run N at a time (default: all at once).
 */
public final class ConversationLatency {
  private static final int ENDPOINT_MS = TurnSettings.DEFAULTS.endpointSilenceMs();
  private static final String GREETING = "Thanks for calling. How can I help?";

  private ConversationLatency() {}

  public static void main(String[] args) throws Exception {
    int calls = intArg(args, "--calls", 10);
    int turns = intArg(args, "--turns", 5);
    int concurrency = intArg(args, "--concurrency", calls);
    int warmup = intArg(args, "--warmup", 1);
    int rtpBase = intArg(args, "--rtp-base", 40000) & ~1;
    short[] utterance = SpokenAudio.say("I would like to book an appointment for Friday.");

    List<Double> engineV2v = Collections.synchronizedList(new ArrayList<>());
    List<Double> engineV2vMinusEndpoint = Collections.synchronizedList(new ArrayList<>());
    Path dataDir = Files.createTempDirectory("conversation-latency");
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
    timers.setRemoveOnCancelPolicy(true);
    try (InProcessProvider services = FakeProviderServices.start();
        VadEngine vad = VadEngines.create(VadEngines.SILERO);
        MediaEngine engine = new MediaEngine(new MediaSettings("127.0.0.1", rtpBase, rtpBase + 4 * (calls + warmup)
            + 20, Duration.ofSeconds(30), dataDir, false, Duration.ofMillis(60), 0), event -> {
              if (event.hasTurn() && event.getTurn().getRole() == TurnCompleted.Role.CALLER
                  && !event.getCallId().startsWith("warmup")) {
                engineV2v.add((double) event.getTurn().getMetrics().getVoiceToVoiceMs());
                engineV2vMinusEndpoint.add((double) (event.getTurn().getMetrics().getVoiceToVoiceMs()
                    - event.getTurn().getMetrics().getEndpointMs()));
              }
            })) {
      ProviderSet providers = new ProviderSet(
          new GrpcSpeechToText(services.channel(), ProviderDeadlines.DEFAULTS, timers), "grpc:in-process", "",
          new GrpcLanguageModel(services.channel(), ProviderDeadlines.DEFAULTS, timers), "grpc:in-process", "",
          new GrpcTextToSpeech(services.channel(), ProviderDeadlines.DEFAULTS, timers), "grpc:in-process", "");
      AgentProfile profile = new AgentProfile("bench", GREETING, "", List.of(), TurnSettings.DEFAULTS,
          FailurePolicy.DEFAULTS, "", "en-US", AgentProfile.standardTools());
      ConversationFactory agent = new ConversationFactory(profile, providers, vad, new PhraseCache(providers.tts()));
      agent.warm().get(10, TimeUnit.SECONDS);

      for (int w = 0; w < warmup; w++) {
        LatencyCall.run(engine, agent, "warmup-" + w, utterance, 1);
      }
      List<LatencyCall.Result> results = runCalls(engine, agent, utterance, calls, turns, concurrency);
      print(results, engineV2v, engineV2vMinusEndpoint, calls, turns, concurrency, warmup);
    } finally {
      timers.shutdownNow();
    }
  }

  private static List<LatencyCall.Result> runCalls(MediaEngine engine, ConversationFactory agent, short[] utterance,
      int calls, int turns, int concurrency) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, concurrency));
    try {
      List<Future<LatencyCall.Result>> futures = new ArrayList<>();
      for (int c = 0; c < calls; c++) {
        String id = "call-" + c;
        int stagger = c;
        futures.add(pool.submit(() -> {
          Thread.sleep(137L * (stagger % Math.max(1, concurrency))); // calls do not all speak in step
          return LatencyCall.run(engine, agent, id, utterance, turns);
        }));
      }
      List<LatencyCall.Result> results = new ArrayList<>();
      for (Future<LatencyCall.Result> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void print(List<LatencyCall.Result> results, List<Double> v2v, List<Double> v2vMinusEndpoint,
      int calls, int turns, int concurrency, int warmup) {
    List<Double> answer = new ArrayList<>();
    List<Double> added = new ArrayList<>();
    int misses = 0;
    for (LatencyCall.Result r : results) {
      if (!Double.isNaN(r.answerToGreetingMs())) {
        answer.add(r.answerToGreetingMs());
      }
      r.lastSpeechToReplyMs().forEach(ms -> added.add(ms - ENDPOINT_MS));
      misses += r.misses();
    }
    System.out.printf("machine: %d cores, %s %s (%s), %s %s, load average %.2f%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"), System.getProperty("java.vendor"), System.getProperty("os.name"),
        System.getProperty("os.arch"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf("run: %d calls x %d turns, %d at a time, %d warm-up call(s) not counted; Silero VAD; "
        + "zero-latency providers over in-process gRPC; jitter delay 60 ms; endpoint silence %d ms; misses %d%n",
        calls, turns, concurrency, warmup, ENDPOINT_MS, misses);
    System.out.printf("%-52s %6s %8s %8s %8s%n", "measure (ms)", "n", "p50", "p99", "max");
    row("answer -> first greeting packet", answer);
    row("last speech packet -> first reply packet - endpoint", added);
    row("engine voice_to_voice_ms (TurnCompleted)", new ArrayList<>(v2v));
    row("engine voice_to_voice_ms - endpoint_ms", new ArrayList<>(v2vMinusEndpoint));
  }

  private static void row(String name, List<Double> values) {
    Collections.sort(values);
    System.out.printf("%-52s %6d %8.1f %8.1f %8.1f%n", name, values.size(), pct(values, 50), pct(values, 99),
        values.isEmpty() ? Double.NaN : values.get(values.size() - 1));
  }

  /** Nearest-rank percentile of sorted {@code values}. */
  private static double pct(List<Double> values, int p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * values.size());
    return values.get(Math.max(0, rank - 1));
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
