package dev.voiceengine.bench;

import dev.voiceengine.conversation.ConversationFactory;
import dev.voiceengine.media.CallInfo;
import dev.voiceengine.media.CallSession;
import dev.voiceengine.media.MediaEngine;
import dev.voiceengine.media.session.RemoteMedia;
import dev.voiceengine.proto.control.v1.Direction;
import dev.voiceengine.testsupport.rtp.RtpCaller;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One measured call: answer and time the greeting's first audible packet, then say the utterance {@code turns}
 * times, each time waiting for the agent's reply and timing its first audible packet from the caller's last speech
 * packet. Every wait is bounded; a wait that runs out is counted as a miss, not as a latency.
 */
final class LatencyCall {
  private static final long WAIT_MS = 15_000;
  private static final long QUIET_MS = 400;

  /** What one call measured (milliseconds; turns that timed out are left out and counted). */
  record Result(double answerToGreetingMs, List<Double> lastSpeechToReplyMs, int misses) {}

  private LatencyCall() {}

  static Result run(MediaEngine engine, ConversationFactory agent, String callId, short[] utterance, int turns)
      throws Exception {
    try (RtpCaller caller = new RtpCaller()) {
      CallSession session = engine.open(new CallInfo(callId, "sip-" + callId, Direction.INBOUND, "+15550100",
          "+15550199", agent.profile().agentId(), "bench", "127.0.0.1"), outcome -> { });
      try {
        session.updateRemote(new RemoteMedia(caller.address(), 0, "PCMU", 101, true, true));
        caller.start(session.localAddress(), callId);
        long answered = System.nanoTime();
        session.answer(agent::create);
        long greeting = caller.awaitAudibleAfter(answered, WAIT_MS);
        int misses = greeting < 0 ? 1 : 0;
        caller.awaitSilence(QUIET_MS, WAIT_MS);
        List<Double> replies = new ArrayList<>();
        for (int t = 0; t < turns; t++) {
          long lastSpeech = caller.say(utterance).get(WAIT_MS, TimeUnit.MILLISECONDS);
          long reply = caller.awaitAudibleAfter(lastSpeech, WAIT_MS);
          if (reply < 0) {
            misses++;
            continue;
          }
          replies.add((reply - lastSpeech) / 1e6);
          caller.awaitSilence(QUIET_MS, WAIT_MS);
        }
        return new Result(greeting < 0 ? Double.NaN : (greeting - answered) / 1e6, replies, misses);
      } finally {
        session.end("caller_hangup", "");
        session.ended().get(WAIT_MS, TimeUnit.MILLISECONDS);
      }
    }
  }
}
