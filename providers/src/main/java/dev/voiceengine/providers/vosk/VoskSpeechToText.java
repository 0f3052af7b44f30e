package dev.voiceengine.providers.vosk;

import dev.voiceengine.providers.Workers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.proto.provider.v1.RecognitionConfig;
import dev.voiceengine.proto.provider.v1.SpeechToTextGrpc;
import dev.voiceengine.proto.provider.v1.Word;
import dev.voiceengine.providers.stt.RecognizeSession;
import dev.voiceengine.providers.stt.StreamDecoder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Consumer;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Offline speech to text with Vosk, the better offline recogniser when the operator has a model: no model ships with
 * the engine, so the constructor takes the model's folder and fails at once, naming it, when the folder is missing
 * or holds no model. The model is shared by all streams; each stream gets its own recogniser (cheap), fed as audio
 * arrives on this service's bounded executor. The stream's phrases, when given, become the recogniser's grammar
 * (models with a dynamic graph use it; others ignore it).
 */
public final class VoskSpeechToText extends SpeechToTextGrpc.SpeechToTextImplBase implements AutoCloseable {
  private static final Set<Integer> RATES = Set.of(8000, 16000);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Model model;
  private final String modelName;
  private final int modelRate;
  private final ThreadPoolExecutor executor;

  /** A 16 kHz model; 4 streams decoded at once, 8 waiting. */
  public VoskSpeechToText(Path modelFolder) {
    this(modelFolder, 16_000, 4, 8);
  }

  /**
   * @param modelFolder the unpacked Vosk model (holding am/final.mdl)
   * @param modelRate the sample rate the model was trained on (16000 for most, 8000 for some telephone models)
   * @param concurrentStreams streams decoded at once
   * @param waitingStreams streams that may wait for a thread before RESOURCE_EXHAUSTED
   * @throws IllegalArgumentException naming the folder, if it is missing, holds no model or the model fails to load
   */
  public VoskSpeechToText(Path modelFolder, int modelRate, int concurrentStreams, int waitingStreams) {
    Path folder = modelFolder.toAbsolutePath();
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("Vosk model folder " + folder + " does not exist");
    }
    if (!Files.isRegularFile(folder.resolve("am/final.mdl")) && !Files.isRegularFile(folder.resolve("final.mdl"))) {
      throw new IllegalArgumentException("Vosk model folder " + folder
          + " holds no model (no am/final.mdl); unpack a model from alphacephei.com/vosk/models there");
    }
    try {
      this.model = new Model(folder.toString());
    } catch (IOException | RuntimeException | LinkageError e) {
      throw new IllegalArgumentException("Vosk cannot load the model in " + folder + ": " + e.getMessage(), e);
    }
    this.modelName = "vosk-" + folder.getFileName();
    this.modelRate = modelRate;
    this.executor = Workers.bounded("vosk-decoder", concurrentStreams, waitingStreams);
  }

  @Override
  public StreamObserver<AudioChunk> recognize(StreamObserver<Recognition> responses) {
    return RecognizeSession.start(responses, new Decoder(), executor, RATES);
  }

  /** Stops decoding and frees the model. */
  @Override
  public void close() {
    Workers.stop(executor);
    model.close();
  }

  private final class Decoder implements StreamDecoder {
    @Override
    public int sampleRate() {
      return modelRate;
    }

    @Override
    public Decoding open(RecognitionConfig config) {
      return (pcm, interim) -> decode(config, pcm, interim);
    }
  }

  private List<Recognition> decode(RecognitionConfig config, InputStream pcm, Consumer<Recognition> interim)
      throws IOException {
    List<JsonNode> words = new ArrayList<>();
    try (Recognizer recognizer = config.getPhrasesCount() == 0 ? new Recognizer(model, modelRate)
        : new Recognizer(model, modelRate, grammar(config.getPhrasesList()))) {
      recognizer.setWords(true);
      byte[] buffer = new byte[modelRate / 5 * 2]; // 200 ms
      for (int n = pcm.readNBytes(buffer, 0, buffer.length); n > 0; n = pcm.readNBytes(buffer, 0, buffer.length)) {
        if (recognizer.acceptWaveForm(buffer, n)) {
          JSON.readTree(recognizer.getResult()).path("result").forEach(words::add);
          if (config.getInterimResults()) {
            interim.accept(recognition(words, false));
          }
        } else if (config.getInterimResults()) {
          String partial = JSON.readTree(recognizer.getPartialResult()).path("partial").asText("");
          if (!partial.isEmpty()) {
            interim.accept(Recognition.newBuilder().setText(partial).setModel(modelName).build());
          }
        }
      }
      JSON.readTree(recognizer.getFinalResult()).path("result").forEach(words::add);
    }
    return words.isEmpty() ? List.of() : List.of(recognition(words, true));
  }

  private static String grammar(List<String> phrases) throws IOException {
    List<String> all = new ArrayList<>();
    phrases.forEach(p -> all.add(p.toLowerCase(java.util.Locale.ROOT)));
    all.add("[unk]");
    return JSON.writeValueAsString(all);
  }

  /** Vosk's word list ({@code {"word", "start", "end", "conf"}}, seconds) as one result. */
  private Recognition recognition(List<JsonNode> words, boolean last) {
    Recognition.Builder r = Recognition.newBuilder().setIsFinal(last).setModel(modelName);
    List<String> texts = new ArrayList<>();
    double confidence = 0;
    for (JsonNode w : words) {
      String text = w.path("word").asText();
      texts.add(text);
      confidence += w.path("conf").asDouble();
      r.addWords(Word.newBuilder().setText(text).setStartMs(ms(w, "start")).setEndMs(ms(w, "end"))
          .setConfidence((float) w.path("conf").asDouble()));
    }
    return r.setText(String.join(" ", texts)).setStartMs(ms(words.get(0), "start"))
        .setEndMs(ms(words.get(words.size() - 1), "end")).setConfidence((float) (confidence / words.size())).build();
  }

  private static int ms(JsonNode word, String field) {
    return (int) Math.round(word.path(field).asDouble() * 1000);
  }
}
