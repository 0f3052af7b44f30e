package dev.voiceengine.control.store;

/**
 * The answering-machine verdict on an outbound answer: human, machine or unknown, how long it took from the answer,
 * and when the voicemail beep started (null when none was heard). Lets any labelled set be scored through the API.
 */
public record CallAmd(String result, Long decisionMs, Long beepAtMs) {}
