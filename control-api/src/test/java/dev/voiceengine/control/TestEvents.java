package dev.voiceengine.control;

import com.google.protobuf.Timestamp;
import dev.voiceengine.proto.control.v1.CallAnswered;
import dev.voiceengine.proto.control.v1.CallEnded;
import dev.voiceengine.proto.control.v1.CallEvent;
import dev.voiceengine.proto.control.v1.CallOffered;
import dev.voiceengine.proto.control.v1.Direction;
import dev.voiceengine.proto.control.v1.MediaStats;
import dev.voiceengine.proto.control.v1.ProviderFailed;
import dev.voiceengine.proto.control.v1.ProviderUsage;
import dev.voiceengine.proto.control.v1.ProviderUse;
import dev.voiceengine.proto.control.v1.TurnCompleted;
import dev.voiceengine.proto.control.v1.TurnMetrics;
import java.time.Instant;

/** Builds call events the way the media engine does, with explicit times (tests never read the wall clock). */
public final class TestEvents {
  /** A fixed point in time the tests count from. */
  public static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private TestEvents() {}

  public static Timestamp ts(Instant at) {
    return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
  }

  public static CallEvent offered(String id, Instant at, Direction direction, String from, String to, String agent) {
    return CallEvent.newBuilder()
        .setCallId(id)
        .setOccurredAt(ts(at))
        .setOffered(CallOffered.newBuilder()
            .setSipCallId("sip-" + id)
            .setDirection(direction)
            .setFromNumber(from)
            .setToNumber(to)
            .setAgentId(agent)
            .setTrunkId("local")
            .setSource("127.0.0.1:5062"))
        .build();
  }

  public static CallEvent offered(String id, Instant at) {
    return offered(id, at, Direction.INBOUND, "+15550001111", "+15550002222", "demo");
  }

  public static CallEvent answered(String id, Instant at, String recording) {
    return CallEvent.newBuilder()
        .setCallId(id)
        .setOccurredAt(ts(at))
        .setAnswered(CallAnswered.newBuilder().setCodec("PCMU/8000").setRecording(recording))
        .build();
  }

  /** {@code ended} with what went wrong with its recording, as the engine reports it. */
  public static CallEvent withRecordingProblem(CallEvent ended, String error, double droppedSeconds) {
    CallEvent.Builder b = ended.toBuilder();
    b.getEndedBuilder().setRecordingError(error).setRecordingDroppedSeconds(droppedSeconds);
    return b.build();
  }

  public static CallEvent ended(String id, Instant at, String outcome, int sipStatus, String recording,
      double recordingSeconds) {
    return CallEvent.newBuilder()
        .setCallId(id)
        .setOccurredAt(ts(at))
        .setEnded(CallEnded.newBuilder()
            .setOutcome(outcome)
            .setSipStatus(sipStatus)
            .setError(sipStatus != 0 ? sipStatus + " rejected" : "")
            .setRecording(recording)
            .setRecordingSeconds(recordingSeconds)
            .setMedia(MediaStats.newBuilder()
                .setPacketsIn(100).setPacketsOut(90).setBytesIn(17200).setBytesOut(15480)
                .setPacketsLost(2).setPacketsLate(1).setPacketsDuplicate(1).setPacketsInvalid(3)
                .setJitterMs(4.5).setMaxJitterMs(12.25).setDtmfPackets(7)))
        .build();
  }

  /** An agent turn: what was played, whether it was cut, and the whole reply the model wrote. */
  public static CallEvent agentTurn(String id, Instant at, int index, String played, long startMs, long endMs,
      boolean interrupted, String intended) {
    return CallEvent.newBuilder()
        .setCallId(id)
        .setOccurredAt(ts(at))
        .setTurn(TurnCompleted.newBuilder().setIndex(index).setRole(TurnCompleted.Role.AGENT).setText(played)
            .setStartMs(startMs).setEndMs(endMs).setInterrupted(interrupted).setIntendedText(intended))
        .build();
  }

  /** A caller turn with the latencies of the exchange it started (endpoint, stt, llm, tts, voice to voice). */
  public static CallEvent callerTurn(String id, Instant at, int index, String text, long startMs, long endMs,
      long endpoint, long sttFinal, long llmFirstToken, long ttsFirstAudio, long voiceToVoice) {
    return CallEvent.newBuilder()
        .setCallId(id)
        .setOccurredAt(ts(at))
        .setTurn(TurnCompleted.newBuilder().setIndex(index).setRole(TurnCompleted.Role.CALLER).setText(text)
            .setStartMs(startMs).setEndMs(endMs)
            .setMetrics(TurnMetrics.newBuilder().setEndpointMs(endpoint).setSttFinalMs(sttFinal)
                .setLlmFirstTokenMs(llmFirstToken).setTtsFirstAudioMs(ttsFirstAudio)
                .setVoiceToVoiceMs(voiceToVoice)))
        .build();
  }

  public static CallEvent providerFailed(String id, Instant at, String capability, String provider, String code,
      String message, long atMs, String action) {
    return CallEvent.newBuilder()
        .setCallId(id)
        .setOccurredAt(ts(at))
        .setProviderFailed(ProviderFailed.newBuilder().setCapability(capability).setProvider(provider).setCode(code)
            .setMessage(message).setAtMs(atMs).setAction(action))
        .build();
  }

  /** {@code ended} with the usage of a typical call: 41.5 s of audio, 812 + 95 tokens, 310 characters. */
  public static CallEvent withUsage(CallEvent ended) {
    CallEvent.Builder b = ended.toBuilder();
    b.getEndedBuilder().setProviderUsage(ProviderUsage.newBuilder()
        .setStt(ProviderUse.newBuilder().setProvider("embedded:sphinx4").setModel("en-us").setAudioSeconds(41.5)
            .setRequests(3))
        .setLlm(ProviderUse.newBuilder().setProvider("grpc://127.0.0.1:7001").setModel("script")
            .setInputTokens(812).setOutputTokens(95).setRequests(2))
        .setTts(ProviderUse.newBuilder().setProvider("embedded:freetts").setModel("kevin16").setCharacters(310)
            .setRequests(2)));
    return b.build();
  }
}
